# Build helpers shared by every part of the tree.

# partnerhub_proto_library(<target> [ROOT <dir>] PROTOS <files> DEPS <targets>)
# Generates C++ messages and gRPC stubs for .proto files given relative to
# ROOT (default: protos/), into build/gen/ with the same relative paths, so
# `#include "partnerhub/x/v1/y.grpc.pb.h"` works everywhere.
function(partnerhub_proto_library target)
  cmake_parse_arguments(ARG "" "ROOT" "PROTOS;DEPS" ${ARGN})
  if(NOT ARG_ROOT)
    set(ARG_ROOT ${PROJECT_SOURCE_DIR}/protos)
  endif()
  set(gen ${PROJECT_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${gen})
  set(sources)
  foreach(rel IN LISTS ARG_PROTOS)
    string(REGEX REPLACE "\\.proto$" "" base ${rel})
    set(outs ${gen}/${base}.pb.cc ${gen}/${base}.pb.h
             ${gen}/${base}.grpc.pb.cc ${gen}/${base}.grpc.pb.h)
    add_custom_command(
      OUTPUT ${outs}
      COMMAND protobuf::protoc
        --cpp_out=${gen} --grpc_out=${gen}
        --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>
        -I ${ARG_ROOT} -I ${PROJECT_SOURCE_DIR}/protos -I ${Protobuf_INCLUDE_DIRS}
        ${ARG_ROOT}/${rel}
      DEPENDS ${ARG_ROOT}/${rel} protobuf::protoc gRPC::grpc_cpp_plugin
      COMMENT "protoc ${rel}")
    list(APPEND sources ${outs})
  endforeach()
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} SYSTEM PUBLIC ${gen})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf gRPC::grpc++ ${ARG_DEPS})
endfunction()

# partnerhub_embed_migrations(<target> <dir>)
# Compiles the NNNN_name.sql files of <dir> into <target>, a library that
# defines partnerhub::mysql::MigrationSet EmbeddedMigrations() in namespace
# <target>, so a binary carries its own schema wherever it runs.
function(partnerhub_embed_migrations target dir)
  file(GLOB sql_files CONFIGURE_DEPENDS ${dir}/*.sql)
  list(SORT sql_files)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${target}
            -DDIR=${dir}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    DEPENDS ${sql_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    COMMENT "Embedding migrations of ${dir}")
  add_library(${target} STATIC ${out})
  target_link_libraries(${target} PUBLIC partnerhub_common)
endfunction()

# partnerhub_test(<target> SOURCES ... LIBS ... LABELS ...)
# One GoogleTest binary, registered with CTest as one test.
function(partnerhub_test target)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock)
  add_test(NAME ${target} COMMAND ${target})
  set_tests_properties(${target} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 600
    ENVIRONMENT "PARTNERHUB_BUILD_DIR=${PROJECT_BINARY_DIR}")
endfunction()
