#pragma once
// Which kernel's scalar-tracking behaviour the domain mirrors: the Linux 6.18 release, or the
// later 6.18.y stable kernels that carry backported bounds-tracking changes.

namespace bpfverify::domain {

/// Behaviours that differ between Linux 6.18 (a4a508df2aa3) and later 6.18.y stable releases.
/// Every function that may reach one of them takes the options; the default is the release.
struct DomainOptions {
  /// __reg32_deduce_bounds refines u32/s32 when the s32 range crosses the sign boundary and
  /// meets only one end of the u32 range (upstream fbc7aef517d8, "bpf: Fix u32/s32 bounds when
  /// ranges cross min/max boundary"; in 6.12.y and 6.18.y stable since April 2026).
  bool reg32CrossSignDeduction = false;
  /// __update_reg64_bounds uses tnum_step to turn a register whose u64 range meets its tnum in
  /// a single value into that constant.
  bool tnumStepSingleValue = false;
  /// BPF_END (bswap, to_le, to_be) tracked through tnum_bswap16/32/64 (scalar_byte_swap)
  /// instead of marking the destination unknown.
  bool byteSwapTracking = false;
  /// maybe_fork_scalars: AND/OR with a constant on a register whose s64 (else s32) range is
  /// exactly [-1, 0] continues with the register -1 and forks a state in which it is 0.
  bool forkScalarsOnAndOr = false;
  /// __scalar64_min_max_lsh keeps s64 bounds for "<<= 32" also when the s32 bounds are negative
  /// (a stable autosel backport of the GCC "<<32 s>>32" sign-extension fix).
  bool lsh32NegativeBounds = false;

  /// Linux 6.18 as released: commit a4a508df2aa34f8650afde54ea804321c618f45f.
  static constexpr DomainOptions linux618() { return DomainOptions{}; }
  /// 6.18.y stable as observed on the project's oracle machine (6.18.44): all of the above.
  static constexpr DomainOptions linux618Stable() {
    return DomainOptions{true, true, true, true, true};
  }
};

} // namespace bpfverify::domain
