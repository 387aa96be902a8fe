#pragma once
// The command line of bpfverify: what the user asked for, parsed by CLI11.

#include <optional>
#include <string>
#include <vector>

namespace bpfverify::cli {

enum class Format { Human, Json, Log, Sarif };

struct Options {
  std::vector<std::string> files;
  std::string btfPath; ///< empty: the running kernel's, else the shipped one
  std::vector<std::string> moduleBtf;
  std::string kconfigPath; ///< empty: the running kernel's config when checking against it
  std::vector<std::string> programNames; ///< --program, exact function names
  std::vector<std::string> sectionGlobs; ///< --section
  Format format = Format::Human;
  int logLevel = 0;
  /// Target kernel variant: "6.18" (the release) or "6.18.y" (stable backports, as the
  /// reference machine runs); empty: 6.18.y against the running kernel, else 6.18.
  std::string kernelVariant;
  bool list = false;
  bool disasm = false;
  // Raw input: a file of 8-byte instructions.
  std::string rawFile;
  std::string progType;
  std::string attachType;
  std::string mapsJson;
};

/// Exit statuses (docs/cli.md).
inline constexpr int ExitAccepted = 0; ///< every selected program accepted (or unverified)
inline constexpr int ExitRejected = 1; ///< at least one selected program rejected
inline constexpr int ExitBadInput = 2; ///< bad usage or an input that cannot be read

/// Parses argv. On --help/--version prints and returns exit status 0 in `exitNow`; on a usage
/// error prints one line on stderr and returns ExitBadInput in `exitNow`.
Options parseOptions(int argc, char **argv, std::optional<int> &exitNow);

} // namespace bpfverify::cli
