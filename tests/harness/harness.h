// The test harness: a private MariaDB per test process, service binaries run
// as processes, and paths of built artifacts. Include this one header.
#ifndef PARTNERHUB_TESTS_HARNESS_HARNESS_H_
#define PARTNERHUB_TESTS_HARNESS_HARNESS_H_

#include "tests/harness/mariadb_server.h"
#include "tests/harness/process.h"

#endif  // PARTNERHUB_TESTS_HARNESS_HARNESS_H_
