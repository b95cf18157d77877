#include "tools/bench/scenario.h"

#include "common/log/log.h"
#include "tools/bench/load_generator.h"

namespace partnerhub::bench {

void ScenarioRegistry::Add(ScenarioInfo info) {
  scenarios_.push_back(std::move(info));
}

const ScenarioInfo* ScenarioRegistry::Find(const std::string& name) const {
  for (const ScenarioInfo& info : scenarios_) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

grpc::StatusCode ErrorLog::Note(grpc::StatusCode code,
                                absl::string_view message) {
  if (code == grpc::StatusCode::OK) return code;
  const uint32_t bit = 1u << (static_cast<uint32_t>(code) & 31);
  if ((seen_.fetch_or(bit) & bit) == 0) {
    LogWarning(scenario_, ": first ", StatusCodeName(code), ": ", message);
  }
  return code;
}

grpc::StatusCode ErrorLog::Note(const absl::Status& status) {
  return Note(ToGrpcCode(status), status.message());
}

}  // namespace partnerhub::bench
