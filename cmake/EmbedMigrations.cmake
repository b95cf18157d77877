# Script mode: writes a C++ file holding the given migration files.
# Inputs: OUT (file to write), NAMESPACE, DIR (holding the NNNN_name.sql files),
# PREFIX (optional, put before each name: the part of common's migrations,
# e.g. "common/events/"; see common/mysql/migration.h).
file(GLOB FILES ${DIR}/*.sql)
list(SORT FILES)
set(body "// Generated from the migrations directory; do not edit.\n")
string(APPEND body "#include \"common/mysql/migration.h\"\n\n")
string(APPEND body "namespace ${NAMESPACE} {\n\n")
string(APPEND body "partnerhub::mysql::MigrationSet EmbeddedMigrations() {\n")
string(APPEND body "  return {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME)
  file(READ ${f} sql)
  string(APPEND body "      {\"${PREFIX}${name}\", R\"ph_sql(${sql})ph_sql\"},\n")
endforeach()
string(APPEND body "  };\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
