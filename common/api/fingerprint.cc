#include "common/api/fingerprint.h"

namespace partnerhub {

uint64_t Fingerprint(absl::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;  // FNV offset basis
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;  // FNV prime
  }
  return hash;
}

}  // namespace partnerhub
