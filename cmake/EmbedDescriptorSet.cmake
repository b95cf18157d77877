# Script mode: writes a C++ file holding a binary file (a serialized
# google.protobuf.FileDescriptorSet) as a char array, returned by
# std::string_view partnerhub_descriptors::<NAME>() (declared in HEADER).
# Inputs: IN (the .pb.desc file), OUT (the .cc to write), NAME, HEADER.
file(READ ${IN} hex HEX)
# "0a1b..." -> "'\x0a','\x1b',...", 16 bytes a line.
string(REGEX REPLACE "(................................)" "\\1\n    " hex
       "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
set(body "// Generated from ${IN}; do not edit.\n")
string(APPEND body "#include \"${HEADER}\"\n\n")
string(APPEND body "namespace partnerhub_descriptors {\nnamespace {\n\n")
string(APPEND body "constexpr char kData[] = {\n    ${bytes}};\n\n")
string(APPEND body "}  // namespace\n\n")
string(APPEND body "std::string_view ${NAME}() {\n")
string(APPEND body "  return std::string_view(kData, sizeof(kData));\n}\n\n")
string(APPEND body "}  // namespace partnerhub_descriptors\n")
# Written even if unchanged, so that make sees it newer than its inputs (it
# only changes when the protos do).
file(WRITE ${OUT} "${body}")
