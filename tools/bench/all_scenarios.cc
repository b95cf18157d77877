// The list of scenario files. A new scenario_*.cc adds one line here.
#include "tools/bench/scenario.h"

namespace partnerhub::bench {

void RegisterAllScenarios(ScenarioRegistry& registry) {
  RegisterHealthScenarios(registry);
  RegisterPartnerRegistryScenarios(registry);
  RegisterPartnerRegistrySqlScenarios(registry);
}

}  // namespace partnerhub::bench
