#include "services/customer_experience/src/domain/condition_codec.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/status_macros.h"

namespace partnerhub::customer_experience {
namespace {

using Kind = Condition::Kind;

std::string Window(const TimeWindow& w) {
  if (w.last_days > 0) return absl::StrCat("d", w.last_days);
  return absl::StrCat("f", absl::ToUnixMicros(w.start_time), ":",
                      absl::ToUnixMicros(w.end_time));
}

std::string Atom(const std::string& s) { return s.empty() ? "*" : s; }

void Encode(const Condition& c, std::string& out) {
  switch (c.kind) {
    case Kind::kAllOf:
    case Kind::kAnyOf:
    case Kind::kNot:
      out += c.kind == Kind::kAllOf   ? "(all"
             : c.kind == Kind::kAnyOf ? "(any"
                                      : "(not";
      for (const Condition& child : c.children) {
        out += ' ';
        Encode(child, out);
      }
      out += ')';
      return;
    case Kind::kAgeBand:
    case Kind::kGender:
    case Kind::kConsent:
      absl::StrAppend(&out, "(",
                      c.kind == Kind::kAgeBand  ? "age"
                      : c.kind == Kind::kGender ? "gender"
                                                : "consent",
                      " ", absl::StrJoin(c.values, " "), ")");
      return;
    case Kind::kRegion:
      absl::StrAppend(&out, "(region ", absl::StrJoin(c.regions, " "), ")");
      return;
    case Kind::kFunnelStage:
      absl::StrAppend(&out, "(stage ", c.partner_id, " ",
                      static_cast<int>(c.min_stage), " ",
                      static_cast<int>(c.max_stage), ")");
      return;
    case Kind::kPurchaseCount:
      absl::StrAppend(&out, "(purchases ", Atom(c.category), " ", c.partner_id,
                      " ", c.min_count, " ", Window(c.window), ")");
      return;
    case Kind::kSpend:
      absl::StrAppend(&out, "(spend ", Atom(c.category), " ", c.partner_id, " ",
                      c.currency_code, " ", c.min_amount_minor, " ",
                      Window(c.window), ")");
      return;
    case Kind::kTouchpoint:
      absl::StrAppend(&out, "(touch ", static_cast<int>(c.touchpoint_type), " ",
                      c.partner_id, " ", c.campaign_id, " ", c.min_count, " ",
                      Window(c.window), ")");
      return;
  }
}

absl::Status Corrupt(absl::string_view why) {
  return absl::InternalError(
      absl::StrCat("stored segment condition is corrupt: ", why));
}

class Parser {
 public:
  explicit Parser(absl::string_view text) : text_(text) {}

  absl::StatusOr<Condition> Node() {
    Skip();
    if (pos_ >= text_.size() || text_[pos_] != '(')
      return Corrupt("expected (");
    ++pos_;
    const std::string head = Token();
    Condition c;
    if (head == "all" || head == "any" || head == "not") {
      c.kind = head == "all"   ? Kind::kAllOf
               : head == "any" ? Kind::kAnyOf
                               : Kind::kNot;
      while (Peek() == '(') {
        PH_ASSIGN_OR_RETURN(Condition child, Node());
        c.children.push_back(std::move(child));
      }
    } else if (head == "age" || head == "gender" || head == "consent") {
      c.kind = head == "age"      ? Kind::kAgeBand
               : head == "gender" ? Kind::kGender
                                  : Kind::kConsent;
      while (Peek() != ')' && Peek() != '\0') {
        PH_ASSIGN_OR_RETURN(int64_t v, Int());
        c.values.push_back(static_cast<int>(v));
      }
    } else if (head == "region") {
      c.kind = Kind::kRegion;
      while (Peek() != ')' && Peek() != '\0') c.regions.push_back(Token());
    } else if (head == "stage") {
      c.kind = Kind::kFunnelStage;
      PH_ASSIGN_OR_RETURN(c.partner_id, Int());
      PH_ASSIGN_OR_RETURN(int64_t lo, Int());
      PH_ASSIGN_OR_RETURN(int64_t hi, Int());
      c.min_stage = static_cast<FunnelStage>(lo);
      c.max_stage = static_cast<FunnelStage>(hi);
    } else if (head == "purchases") {
      c.kind = Kind::kPurchaseCount;
      c.category = Category();
      PH_ASSIGN_OR_RETURN(c.partner_id, Int());
      PH_ASSIGN_OR_RETURN(c.min_count, Int());
      PH_ASSIGN_OR_RETURN(c.window, Window());
    } else if (head == "spend") {
      c.kind = Kind::kSpend;
      c.category = Category();
      PH_ASSIGN_OR_RETURN(c.partner_id, Int());
      c.currency_code = Token();
      PH_ASSIGN_OR_RETURN(c.min_amount_minor, Int());
      PH_ASSIGN_OR_RETURN(c.window, Window());
    } else if (head == "touch") {
      c.kind = Kind::kTouchpoint;
      PH_ASSIGN_OR_RETURN(int64_t type, Int());
      c.touchpoint_type = static_cast<TouchpointType>(type);
      PH_ASSIGN_OR_RETURN(c.partner_id, Int());
      PH_ASSIGN_OR_RETURN(c.campaign_id, Int());
      PH_ASSIGN_OR_RETURN(c.min_count, Int());
      PH_ASSIGN_OR_RETURN(c.window, Window());
    } else {
      return Corrupt(absl::StrCat("unknown node '", head, "'"));
    }
    if (Peek() != ')') return Corrupt("expected )");
    ++pos_;
    return c;
  }

  bool AtEnd() {
    Skip();
    return pos_ == text_.size();
  }

 private:
  void Skip() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  char Peek() {
    Skip();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  std::string Token() {
    Skip();
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '(' &&
           text_[pos_] != ')') {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }
  std::string Category() {
    std::string t = Token();
    return t == "*" ? "" : t;
  }
  absl::StatusOr<int64_t> Int() {
    const std::string t = Token();
    int64_t v = 0;
    if (!absl::SimpleAtoi(t, &v))
      return Corrupt(absl::StrCat("not a number: '", t, "'"));
    return v;
  }
  absl::StatusOr<TimeWindow> Window() {
    const std::string t = Token();
    TimeWindow w;
    if (!t.empty() && t[0] == 'd' &&
        absl::SimpleAtoi(t.substr(1), &w.last_days))
      return w;
    const size_t colon = t.find(':');
    int64_t start = 0, end = 0;
    if (t.size() > 1 && t[0] == 'f' && colon != std::string::npos &&
        absl::SimpleAtoi(t.substr(1, colon - 1), &start) &&
        absl::SimpleAtoi(t.substr(colon + 1), &end)) {
      w.start_time = absl::FromUnixMicros(start);
      w.end_time = absl::FromUnixMicros(end);
      return w;
    }
    return Corrupt(absl::StrCat("bad window '", t, "'"));
  }

  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string EncodeCondition(const Condition& condition) {
  std::string out;
  Encode(condition, out);
  return out;
}

absl::StatusOr<Condition> DecodeCondition(absl::string_view text) {
  Parser parser(text);
  PH_ASSIGN_OR_RETURN(Condition c, parser.Node());
  if (!parser.AtEnd()) return Corrupt("trailing text");
  return c;
}

}  // namespace partnerhub::customer_experience
