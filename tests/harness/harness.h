// The test harness: a private MariaDB per test process, service binaries run
// as processes, paths of built artifacts, and the details of gRPC errors.
// Include this one header.
#ifndef PARTNERHUB_TESTS_HARNESS_HARNESS_H_
#define PARTNERHUB_TESTS_HARNESS_HARNESS_H_

#include "tests/harness/grpc_errors.h"
#include "tests/harness/mariadb_server.h"
#include "tests/harness/process.h"
#include "tests/harness/wait.h"

#endif  // PARTNERHUB_TESTS_HARNESS_HARNESS_H_
