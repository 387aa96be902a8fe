// The table of every helper prototype variable, gathered from the family files.

#include "verifier/target/helper_proto.h"
#include "verifier/target/helper_protos.h"

#include <cstring>
#include <vector>

namespace bpfverify::target {

std::span<const HelperProto *const> allHelperProtos() {
  static const std::vector<const HelperProto *> all = [] {
    std::vector<const HelperProto *> protos;
    for (auto family :
         {protos::baseHelperProtos(), protos::mapsHelperProtos(), protos::storageHelperProtos(),
          protos::tracingHelperProtos(), protos::lsmHelperProtos(), protos::cgroupHelperProtos(),
          protos::skbHelperProtos(), protos::xdpHelperProtos(), protos::sockHelperProtos()})
      protos.insert(protos.end(), family.begin(), family.end());
    return protos;
  }();
  return all;
}

const HelperProto *helperProtoBySymbol(const char *kernelSymbol) {
  for (const HelperProto *proto : allHelperProtos())
    if (std::strcmp(proto->kernelSymbol, kernelSymbol) == 0)
      return proto;
  return nullptr;
}

} // namespace bpfverify::target
