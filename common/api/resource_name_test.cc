// Unit tests of common/api/resource_name (no database).
#include "common/api/resource_name.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/etag.h"
#include "common/api/field_checks.h"
#include "common/api/fingerprint.h"
#include "common/api/list_query.h"
#include "common/api/list_request.h"
#include "common/api/pagination.h"
#include "common/api/request_key.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/harness/grpc_errors.h"

namespace partnerhub {
namespace {

using ::partnerhub::testing::ExpectInvalidArgument;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// ------------------------------------------------------------ resource name

TEST(ResourceNameTest, Parses) {
  absl::StatusOr<std::vector<int64_t>> ids = ParseResourceName(
      "partners/12/contacts/3", {"partners", "contacts"}, "name");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_THAT(*ids, ElementsAre(12, 3));
  ids =
      ParseResourceName("partners/9223372036854775807", {"partners"}, "parent");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_THAT(*ids, ElementsAre(INT64_MAX));
}

TEST(ResourceNameTest, Rejects) {
  const std::initializer_list<absl::string_view> kColl = {"partners",
                                                          "contacts"};
  for (const char* bad : {
           "partners/12/agreements/3",                  // wrong collection
           "partner/12/contacts/3",                     // wrong collection
           "partners/0/contacts/3",                     // id 0
           "partners/12/contacts/0",                    // id 0
           "partners/-12/contacts/3",                   // negative
           "partners/+5/contacts/3",                    // explicit sign
           "partners/12/contacts/+5",                   // explicit sign
           "partners/abc/contacts/3",                   // non-numeric
           "partners/12/contacts/3x",                   // non-numeric
           "partners/12/contacts/",                     // empty id
           "partners//contacts/3",                      // empty id
           "partners/12/contacts/3/notes/1",            // extra segments
           "partners/12/contacts/3/",                   // trailing slash
           "/partners/12/contacts/3",                   // leading slash
           "partners/12",                               // too short
           "",                                          // empty
           "partners/99999999999999999999/contacts/3",  // overflow
           "partners/ 12/contacts/3",                   // whitespace
           "partners/12 /contacts/3",                   // whitespace
           "partners/12/contacts/3\n",                  // whitespace
           "partners/ +5/contacts/3",                   // whitespace and sign
       }) {
    absl::Status s = ParseResourceName(bad, kColl, "contact.name").status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument)
        << "'" << bad << "'";
    EXPECT_THAT(std::string(s.message()), HasSubstr("contact.name"))
        << "'" << bad << "'";
  }
}

TEST(ResourceNameTest, MessageShowsPattern) {
  absl::Status s =
      ParseResourceName("partners/x", {"partners", "contacts"}, "name")
          .status();
  ExpectInvalidArgument(s, "partners/{partner}/contacts/{contact}");
}
}  // namespace
}  // namespace partnerhub
