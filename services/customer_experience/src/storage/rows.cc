#include "services/customer_experience/src/storage/rows.h"

#include <cppconn/resultset.h>

#include "absl/strings/str_format.h"
#include "common/mysql/statement.h"
#include "common/status/status_macros.h"
#include "services/customer_experience/src/domain/condition_codec.h"

namespace partnerhub::customer_experience {
namespace {

using mysql::GetInt64;
using mysql::GetOptionalTime;
using mysql::GetString;
using mysql::GetTime;

template <typename E>
E GetEnum(sql::ResultSet& rs, const char* column) {
  return static_cast<E>(rs.getInt(column));
}

void AppendJsonString(std::string& out, const std::string& s) {
  out.push_back('"');
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

// Reads a JSON string starting at text[pos] == '"'; false if malformed.
// Only the escapes AppendJsonString writes are understood.
bool ReadJsonString(const std::string& text, size_t& pos, std::string& out) {
  if (pos >= text.size() || text[pos] != '"') return false;
  ++pos;
  while (pos < text.size()) {
    char c = text[pos++];
    if (c == '"') return true;
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (pos >= text.size()) return false;
    char e = text[pos++];
    if (e == 'n') {
      out.push_back('\n');
    } else if (e == 't') {
      out.push_back('\t');
    } else if (e == 'u' && pos + 4 <= text.size()) {
      out.push_back(
          static_cast<char>(std::stoi(text.substr(pos, 4), nullptr, 16)));
      pos += 4;
    } else {
      out.push_back(e);
    }
  }
  return false;
}

}  // namespace

Customer ReadCustomer(sql::ResultSet& rs) {
  Customer c;
  c.key = GetInt64(rs, "id");
  c.customer_id = GetString(rs, "customer_id");
  c.birth_year = rs.getInt("birth_year");
  c.gender = GetEnum<Gender>(rs, "gender");
  c.region = GetString(rs, "region");
  c.sign_up_time = GetTime(rs, "sign_up_time");
  c.consent = GetEnum<ConsentState>(rs, "consent");
  c.consent_change_time = GetTime(rs, "consent_change_time");
  c.personal_data_erase_time = GetOptionalTime(rs, "personal_data_erase_time");
  c.create_time = GetTime(rs, "create_time");
  c.update_time = GetTime(rs, "update_time");
  c.version = GetInt64(rs, "version");
  c.personal_data.display_name = GetString(rs, "display_name");
  c.personal_data.email = GetString(rs, "email");
  c.personal_data.phone = GetString(rs, "phone");
  c.funnel_stage = GetEnum<FunnelStage>(rs, "funnel_stage");
  return c;
}

ConsentChange ReadConsentChange(sql::ResultSet& rs) {
  ConsentChange c;
  c.id = GetInt64(rs, "id");
  c.from_state = GetEnum<ConsentState>(rs, "from_state");
  c.to_state = GetEnum<ConsentState>(rs, "to_state");
  c.source = GetString(rs, "source");
  c.change_time = GetTime(rs, "change_time");
  return c;
}

Touchpoint ReadTouchpoint(sql::ResultSet& rs) {
  Touchpoint t;
  t.id = GetInt64(rs, "id");
  t.event_id = GetString(rs, "event_id");
  t.type = GetEnum<TouchpointType>(rs, "type");
  t.occur_time = GetTime(rs, "occur_time");
  t.channel = GetEnum<Channel>(rs, "channel");
  t.partner_id = GetInt64(rs, "partner_id");
  t.campaign_id = GetInt64(rs, "campaign_id");
  t.purchase_id = GetString(rs, "purchase_id");
  t.properties = DecodeProperties(GetString(rs, "properties"));
  t.record_time = GetTime(rs, "record_time");
  return t;
}

Purchase ReadPurchase(sql::ResultSet& rs) {
  Purchase p;
  p.key = GetInt64(rs, "id");
  p.purchase_id = GetString(rs, "purchase_id");
  p.customer_id = GetString(rs, "customer_id");
  p.customer_key = GetInt64(rs, "customer_key");
  p.partner_id = GetInt64(rs, "partner_id");
  p.currency_code = GetString(rs, "currency_code");
  p.total_minor = GetInt64(rs, "total_minor");
  p.refunded_minor = GetInt64(rs, "refunded_minor");
  p.coupon_code = GetString(rs, "coupon_code");
  p.campaign_id = GetInt64(rs, "campaign_id");
  p.channel = GetEnum<Channel>(rs, "channel");
  p.purchase_time = GetTime(rs, "purchase_time");
  p.create_time = GetTime(rs, "create_time");
  p.content_fingerprint =
      static_cast<uint64_t>(GetInt64(rs, "content_fingerprint"));
  return p;
}

StageTimes ReadStageTimes(sql::ResultSet& rs, int first_column) {
  StageTimes t;
  for (int i = 0; i < kStageCount; ++i) {
    const auto column = static_cast<uint32_t>(first_column + i);
    if (!rs.isNull(column)) {
      t[i] = absl::UnixEpoch() + absl::Microseconds(rs.getInt64(column));
    }
  }
  return t;
}

absl::StatusOr<Segment> ReadSegment(sql::ResultSet& rs) {
  Segment s;
  s.id = GetInt64(rs, "id");
  s.display_name = GetString(rs, "display_name");
  s.description = GetString(rs, "description");
  PH_ASSIGN_OR_RETURN(s.condition,
                      DecodeCondition(GetString(rs, "condition_text")));
  s.create_time = GetTime(rs, "create_time");
  s.update_time = GetTime(rs, "update_time");
  s.version = GetInt64(rs, "version");
  return s;
}

absl::StatusOr<SegmentSnapshot> ReadSnapshot(sql::ResultSet& rs) {
  SegmentSnapshot s;
  s.id = GetInt64(rs, "id");
  s.segment.id = GetInt64(rs, "segment_id");
  s.segment.display_name = GetString(rs, "display_name");
  s.segment.description = GetString(rs, "description");
  PH_ASSIGN_OR_RETURN(s.segment.condition,
                      DecodeCondition(GetString(rs, "condition_text")));
  s.segment.create_time = GetTime(rs, "segment_create_time");
  s.segment.update_time = GetTime(rs, "segment_update_time");
  s.segment.version = GetInt64(rs, "segment_version");
  s.member_count = GetInt64(rs, "member_count");
  s.snapshot_time = GetTime(rs, "snapshot_time");
  return s;
}

std::string EncodeProperties(
    const std::map<std::string, std::string>& properties) {
  if (properties.empty()) return "";
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : properties) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(out, key);
    out.push_back(':');
    AppendJsonString(out, value);
  }
  out.push_back('}');
  return out;
}

std::map<std::string, std::string> DecodeProperties(const std::string& text) {
  std::map<std::string, std::string> out;
  if (text.size() < 2 || text.front() != '{') return out;
  size_t pos = 1;
  while (pos < text.size() && text[pos] != '}') {
    std::string key, value;
    if (!ReadJsonString(text, pos, key) || pos >= text.size() ||
        text[pos++] != ':' || !ReadJsonString(text, pos, value)) {
      return {};
    }
    out.emplace(std::move(key), std::move(value));
    if (pos < text.size() && text[pos] == ',') ++pos;
  }
  return out;
}

}  // namespace partnerhub::customer_experience
