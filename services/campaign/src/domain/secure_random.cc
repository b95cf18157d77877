#include "services/campaign/src/domain/secure_random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

#include "common/log/log.h"

namespace partnerhub::campaign {

uint64_t SecureRandom::Next() {
  if (next_ == buffer_.size()) {
    auto* bytes = reinterpret_cast<char*>(buffer_.data());
    size_t filled = 0;
    const size_t want = sizeof(buffer_);
    while (filled < want) {
      const ssize_t n = getrandom(bytes + filled, want - filled, 0);
      if (n < 0) {
        if (errno == EINTR) continue;
        // No entropy source at all: issuing guessable codes would be worse.
        LogError("getrandom failed: errno ", errno);
        std::abort();
      }
      filled += static_cast<size_t>(n);
    }
    next_ = 0;
  }
  return buffer_[next_++];
}

}  // namespace partnerhub::campaign
