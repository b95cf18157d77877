#include "services/customer_experience/src/storage/segment_sql.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/customer_experience/src/domain/rules.h"

namespace partnerhub::customer_experience {
namespace {

using Kind = Condition::Kind;
constexpr int64_t kGranted = static_cast<int64_t>(ConsentState::kGranted);

class Compiler {
 public:
  Compiler(absl::Time now, int64_t only_customer)
      : now_(now), only_(only_customer) {}

  void Node(const Condition& c) {
    switch (c.kind) {
      case Kind::kAllOf:
      case Kind::kAnyOf: {
        const char* op = c.kind == Kind::kAllOf ? " AND " : " OR ";
        out_.sql += "(";
        for (size_t i = 0; i < c.children.size(); ++i) {
          if (i > 0) out_.sql += op;
          Node(c.children[i]);
        }
        out_.sql += ")";
        return;
      }
      case Kind::kNot:
        out_.sql += "(NOT ";
        Node(c.children.at(0));
        out_.sql += ")";
        return;
      case Kind::kAgeBand:
        out_.sql += "(";
        for (size_t i = 0; i < c.values.size(); ++i) {
          if (i > 0) out_.sql += " OR ";
          auto [first, last] =
              BirthYears(static_cast<AgeBand>(c.values[i]), now_);
          out_.sql += "c.birth_year BETWEEN ? AND ?";
          Add(int64_t{first});
          Add(int64_t{last});
        }
        out_.sql += ")";
        return;
      case Kind::kGender:
        InList("c.gender", c.values);
        return;
      case Kind::kConsent:
        InList("c.consent", c.values);
        return;
      case Kind::kRegion:
        out_.sql += "c.region IN (";
        for (size_t i = 0; i < c.regions.size(); ++i) {
          out_.sql += i > 0 ? ", ?" : "?";
          Add(c.regions[i]);
        }
        out_.sql += ")";
        return;
      case Kind::kFunnelStage:
        Funnel(c);
        return;
      case Kind::kTouchpoint:
        Touchpoints(c);
        return;
      case Kind::kPurchaseCount:
      case Kind::kSpend:
        Purchases(c);
        return;
    }
    out_.sql += "FALSE";
  }

  SqlFragment Take() { return std::move(out_); }

 private:
  void Add(mysql::Param p) { out_.params.push_back(std::move(p)); }

  void InList(const char* column, const std::vector<int>& values) {
    absl::StrAppend(&out_.sql, column, " IN (");
    for (size_t i = 0; i < values.size(); ++i) {
      out_.sql += i > 0 ? ", ?" : "?";
      Add(int64_t{values[i]});
    }
    out_.sql += ")";
  }

  // "AND <alias>.customer_key = ?" for a membership check.
  void Only(const char* alias) {
    if (only_ == 0) return;
    absl::StrAppend(&out_.sql, " AND ", alias, ".customer_key = ?");
    Add(only_);
  }

  void Window(const char* column, const TimeWindow& w) {
    auto [start, end] = ResolveWindow(w, now_);
    absl::StrAppend(&out_.sql, " AND ", column, " >= ? AND ", column, " < ?");
    Add(start);
    Add(end);
  }

  void Funnel(const Condition& c) {
    const int lo = static_cast<int>(c.min_stage);
    const int hi = static_cast<int>(c.max_stage);
    if (c.partner_id == 0) {
      // The stored overall progress.
      if (lo == 0) {
        // No lower bound: customers without a row (no touchpoints) match too.
        out_.sql +=
            "c.id NOT IN (SELECT f.customer_key FROM funnel_progress f WHERE "
            "f.stage > ?";
        Add(int64_t{hi});
      } else {
        out_.sql +=
            "c.id IN (SELECT f.customer_key FROM funnel_progress f WHERE "
            "f.stage BETWEEN ? AND ?";
        Add(int64_t{lo});
        Add(int64_t{hi == 0 ? kStageCount : hi});
      }
      Only("f");
      out_.sql += ")";
      return;
    }
    // With a partner: from that partner's touchpoints.
    const bool below_max = hi != 0 && hi < kStageCount;
    if (lo == 0 && !below_max) {
      out_.sql += "TRUE";
      return;
    }
    out_.sql += "(";
    if (lo > 0) AtLeast(static_cast<FunnelStage>(lo), c.partner_id);
    if (lo > 0 && below_max) out_.sql += " AND ";
    if (below_max) {
      out_.sql += "NOT ";
      AtLeast(static_cast<FunnelStage>(hi + 1), c.partner_id);
    }
    out_.sql += ")";
  }

  // The customer's furthest stage with the partner is `stage` or later: a
  // touchpoint of a type at or after it, or (for REPEAT) a second purchase.
  void AtLeast(FunnelStage stage, int64_t partner_id) {
    out_.sql +=
        "(c.id IN (SELECT t.customer_key FROM touchpoints t WHERE t.type IN (";
    const std::vector<TouchpointType> types = TypesAtOrAfter(stage);
    for (size_t i = 0; i < types.size(); ++i) {
      out_.sql += i > 0 ? ", ?" : "?";
      Add(int64_t{static_cast<int>(types[i])});
    }
    out_.sql += ") AND t.partner_id = ?";
    Add(partner_id);
    Only("t");
    out_.sql += ")";
    if (stage == FunnelStage::kRepeat) {
      out_.sql +=
          " OR c.id IN (SELECT t.customer_key FROM touchpoints t WHERE t.type "
          "= ? AND "
          "t.partner_id = ?";
      Add(int64_t{static_cast<int>(TouchpointType::kPurchase)});
      Add(partner_id);
      Only("t");
      out_.sql += " GROUP BY t.customer_key HAVING COUNT(*) >= 2)";
    }
    out_.sql += ")";
  }

  void Touchpoints(const Condition& c) {
    out_.sql += "c.id IN (SELECT t.customer_key FROM touchpoints t WHERE ";
    if (c.campaign_id != 0) {
      out_.sql += "t.campaign_id = ? AND ";
      Add(c.campaign_id);
    }
    out_.sql += "t.type = ?";
    Add(int64_t{static_cast<int>(c.touchpoint_type)});
    if (c.partner_id != 0) {
      out_.sql += " AND t.partner_id = ?";
      Add(c.partner_id);
    }
    Window("t.occur_time", c.window);
    Only("t");
    if (c.min_count > 1) {
      out_.sql += " GROUP BY t.customer_key HAVING COUNT(*) >= ?";
      Add(c.min_count);
    }
    out_.sql += ")";
  }

  void Purchases(const Condition& c) {
    const bool spend = c.kind == Kind::kSpend;
    if (!c.category.empty()) {
      out_.sql +=
          "c.id IN (SELECT i.customer_key FROM purchase_items i "
          "WHERE i.category = ?";
      Add(c.category);
      Window("i.purchase_time", c.window);
      out_.sql += " AND i.fully_refunded = 0";
      if (spend) {
        out_.sql += " AND i.currency_code = ?";
        Add(c.currency_code);
      }
      if (c.partner_id != 0) {
        out_.sql += " AND i.partner_id = ?";
        Add(c.partner_id);
      }
      Only("i");
      if (spend) {
        out_.sql += " GROUP BY i.customer_key HAVING SUM(i.amount_minor) >= ?)";
        Add(c.min_amount_minor);
      } else {
        out_.sql +=
            " GROUP BY i.customer_key HAVING COUNT(DISTINCT i.purchase_key) >= "
            "?)";
        Add(c.min_count);
      }
      return;
    }
    out_.sql += "c.id IN (SELECT p.customer_key FROM purchases p WHERE ";
    if (c.partner_id != 0) {
      out_.sql += "p.partner_id = ? AND ";
      Add(c.partner_id);
    }
    out_.sql +=
        "NOT (p.refunded_minor > 0 AND p.refunded_minor >= p.total_minor)";
    Window("p.purchase_time", c.window);
    if (spend) {
      out_.sql += " AND p.currency_code = ?";
      Add(c.currency_code);
    }
    Only("p");
    if (spend) {
      out_.sql += " GROUP BY p.customer_key HAVING SUM(p.total_minor) >= ?)";
      Add(c.min_amount_minor);
    } else {
      out_.sql += " GROUP BY p.customer_key HAVING COUNT(*) >= ?)";
      Add(c.min_count);
    }
  }

  const absl::Time now_;
  const int64_t only_;
  SqlFragment out_;
};

}  // namespace

SqlFragment CompileCondition(const Condition& condition, absl::Time now,
                             int64_t only_customer) {
  Compiler compiler(now, only_customer);
  compiler.Node(condition);
  return compiler.Take();
}

SqlFragment CountSegmentSql(const Condition& condition, absl::Time now) {
  SqlFragment cond = CompileCondition(condition, now);
  SqlFragment out;
  out.sql = absl::StrCat(
      "SELECT COUNT(*) AS matching, COALESCE(SUM(c.consent = ", kGranted,
      "), 0) AS members FROM customers c WHERE ", cond.sql);
  out.params = std::move(cond.params);
  return out;
}

SqlFragment MembershipSql(const Condition& condition, absl::Time now,
                          int64_t customer_key) {
  SqlFragment cond = CompileCondition(condition, now, customer_key);
  SqlFragment out;
  out.sql = absl::StrCat("SELECT c.consent, COALESCE(", cond.sql,
                         ", 0) AS matches FROM customers c WHERE c.id = ?");
  out.params = std::move(cond.params);
  out.params.push_back(customer_key);
  return out;
}

SqlFragment MembersSql(const Condition& condition, absl::Time now,
                       const std::string& after, int limit) {
  SqlFragment cond = CompileCondition(condition, now);
  SqlFragment out;
  out.sql = absl::StrCat(
      "SELECT c.customer_id FROM customers c WHERE c.consent = ", kGranted,
      " AND c.customer_id > ? AND ", cond.sql, " ORDER BY c.customer_id");
  out.params.push_back(after);
  out.params.insert(out.params.end(), cond.params.begin(), cond.params.end());
  if (limit > 0) {
    out.sql += " LIMIT ?";
    out.params.push_back(int64_t{limit});
  }
  return out;
}

}  // namespace partnerhub::customer_experience
