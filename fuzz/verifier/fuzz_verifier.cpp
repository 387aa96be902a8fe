// Fuzzes the verifier on arbitrary instruction streams: the first byte picks the program type and
// log level, the rest are instructions referencing three fixed maps by index. Checks that
// verification never crashes, hangs or reports a rejection without a message.

#include "lib/isa/decode.h"
#include "lib/object/raw/raw_input.h"
#include "lib/object/raw/raw_maps.h"
#include "lib/support/error.h"
#include "verifier/verify.h"

#include <cstdlib>

using namespace bpfverify;

namespace {

void check(bool ok) {
  if (!ok)
    abort();
}

const char *const MapsJson = R"([
  {"name": "values", "type": "array", "key_size": 4, "value_size": 48, "max_entries": 1},
  {"name": "table", "type": "hash", "key_size": 8, "value_size": 16, "max_entries": 16},
  {"name": "consts", "type": "array", "key_size": 4, "value_size": 32, "max_entries": 1,
   "flags": 128, "frozen": true, "initial_value": "0102030405060708"},
  {"name": "ring", "type": "ringbuf", "key_size": 0, "value_size": 0, "max_entries": 4096}
])";

// socket filter, kprobe, sched_cls, tracepoint, xdp, cgroup_skb, raw_tracepoint, syscall
const uint32_t ProgTypes[] = {1, 2, 3, 5, 6, 8, 17, 31};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  uint8_t selector = data[0];
  uint32_t progType = ProgTypes[selector % 8];
  size_t codeSize = (size - 1) - (size - 1) % isa::kInsnSize;
  auto insns = isa::decodeInstructions(llvm::ArrayRef<uint8_t>(data + 1, codeSize), "fuzz.bin");
  check(static_cast<bool>(insns));
  auto maps = object::raw::parseRawMaps(MapsJson, "fuzz.json");
  check(static_cast<bool>(maps));
  auto object = object::raw::buildRawObject(std::move(*insns), "fuzz.bin", progType, 0,
                                            std::move(*maps), "fuzz.json");
  if (!object) {
    check(!errorMessage(object.takeError()).empty());
    return 0;
  }
  verifier::VerifyOptions opts =
      (selector & 0x10) ? verifier::VerifyOptions::referenceMachine() : verifier::VerifyOptions{};
  opts.logLevel = (selector & 0x20) ? 2 : (selector & 0x40) ? 1 : 0;
  opts.logLimitBytes = 1 << 20; // a full log stops the formatting, so 1M insns stay fast
  verifier::Result r = verifier::verify(*object, 0, nullptr, opts);
  if (r.verdict == verifier::Verdict::Reject) {
    check(r.rejection.has_value());
    check(!r.rejection->message.empty());
    check(r.rejection->insnIndex < object->programs[0].insns.size() ||
          object->programs[0].insns.empty());
  }
  if (r.verdict == verifier::Verdict::Unverified)
    check(!r.unverifiedReason.empty());
  check(r.stats.processedInsns <= 1000001);
  return 0;
}
