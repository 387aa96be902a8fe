// The helper-name table against facts of include/uapi/linux/bpf.h (Linux 6.18).

#include "lib/isa/helpers.h"

#include <catch2/catch.hpp>

using namespace bpfverify::isa;

TEST_CASE("helper ids map to the kernel's names", "[isa][helpers]") {
  CHECK(helperName(0) == llvm::StringRef("bpf_unspec"));
  CHECK(helperName(1) == llvm::StringRef("bpf_map_lookup_elem"));
  CHECK(helperName(12) == llvm::StringRef("bpf_tail_call"));
  CHECK(helperName(130) == llvm::StringRef("bpf_ringbuf_output"));
  CHECK(helperName(211) == llvm::StringRef("bpf_cgrp_storage_delete"));
  CHECK(!helperName(212));
  CHECK(!helperName(-1));
}

TEST_CASE("helper names map back to ids", "[isa][helpers]") {
  CHECK(helperId("bpf_map_lookup_elem") == 1);
  CHECK(helperId("map_lookup_elem") == 1);
  CHECK(helperId("bpf_loop") == 181);
  CHECK(helperId("bpf_kfunc_that_is_not_a_helper") == std::nullopt);
  for (int32_t id = 0; id < kHelperCount; ++id)
    CHECK(helperId(*helperName(id)) == id);
}
