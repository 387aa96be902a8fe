#pragma once
// Loads one tiny context-access program into the running kernel (bpf(2), root only) and
// classifies the verifier's answer: the loaded register's type, "ok", "-" (invalid
// bpf_context access) or "!<message>".

#include "probe_configs.h"

#include "verifier/state/reg_type.h"

#include <string>

namespace bpfverify::verifier::ctx::testing {

/// The kernel's answer for `access` at `off` in programs of `config`.
std::string probeKernel(const ProbeConfig &config, const AccessKind &access, int off);

/// The kernel's answer for a load through a socket pointer of base type `pointer`
/// (PtrToSockCommon, PtrToSocket, PtrToTcpSock from a tc program's skb->sk, PtrToXdpSock from an
/// XSKMAP lookup in XDP): the loaded type, "-" ("R%d invalid %s access") or "!<message>".
std::string probeSockPointer(RegBase pointer, const AccessKind &access, int off);

/// Whether the program type loads at all here ("r0 = 1; exit"); `why` gets the failure.
bool kernelLoadsType(const ProbeConfig &config, std::string &why);

} // namespace bpfverify::verifier::ctx::testing
