#include "common/grpc/proto_convert.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/api/fingerprint.h"
#include "common/status/error_details.h"

namespace partnerhub {
namespace {

// The Timestamp range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

}  // namespace

google::protobuf::Timestamp ToProtoTime(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t seconds = micros / 1000000;
  int64_t rem = micros % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --seconds;
  }
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(rem * 1000));
  return ts;
}

absl::StatusOr<absl::Time> FromProtoTime(
    absl::string_view field, const google::protobuf::Timestamp& ts) {
  if (ts.seconds() < kMinSeconds || ts.seconds() > kMaxSeconds ||
      ts.nanos() < 0 || ts.nanos() > 999999999) {
    return InvalidField(field, "is not a valid timestamp");
  }
  // Stored with microsecond precision (DATETIME(6)).
  return absl::FromUnixMicros(ts.seconds() * 1000000 + ts.nanos() / 1000);
}

partnerhub::type::v1::Date ToProtoDate(absl::CivilDay day) {
  partnerhub::type::v1::Date d;
  d.set_year(static_cast<int32_t>(day.year()));
  d.set_month(day.month());
  d.set_day(day.day());
  return d;
}

absl::StatusOr<absl::CivilDay> FromProtoDate(
    absl::string_view field, const partnerhub::type::v1::Date& d) {
  const absl::CivilDay day(d.year(), d.month(), d.day());
  if (d.year() < 1 || d.year() > 9999 || day.year() != d.year() ||
      day.month() != d.month() || day.day() != d.day()) {
    return InvalidField(field,
                        absl::StrCat(d.year(), "-", d.month(), "-", d.day(),
                                     " is not a calendar date"));
  }
  return day;
}

std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask) {
  return {mask.paths().begin(), mask.paths().end()};
}

RequestKey MakeRequestKey(const google::protobuf::Message& request) {
  RequestKey key;
  std::unique_ptr<google::protobuf::Message> rest(request.New());
  rest->CopyFrom(request);
  const google::protobuf::FieldDescriptor* field =
      rest->GetDescriptor()->FindFieldByName("request_id");
  if (field != nullptr) {
    key.request_id = rest->GetReflection()->GetString(*rest, field);
    rest->GetReflection()->ClearField(rest.get(), field);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    rest->SerializeToCodedStream(&out);
  }
  // The type name keeps two methods' look-alike requests apart.
  key.fingerprint = Fingerprint(
      absl::StrCat(rest->GetDescriptor()->full_name(), "\n", bytes));
  return key;
}

}  // namespace partnerhub
