// The test harness: a private MariaDB per test process, service binaries run
// as processes, paths of built artifacts, the details of gRPC errors, and
// a migrated schema with a server on a free port for in-process tests.
// Include this one header.
#ifndef PARTNERHUB_TESTS_HARNESS_HARNESS_H_
#define PARTNERHUB_TESTS_HARNESS_HARNESS_H_

#include "tests/harness/grpc_errors.h"
#include "tests/harness/mariadb_server.h"
#include "tests/harness/process.h"
#include "tests/harness/service_under_test.h"
#include "tests/harness/wait.h"

#endif  // PARTNERHUB_TESTS_HARNESS_HARNESS_H_
