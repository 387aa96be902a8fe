#pragma once
// The programs a benchmark run verifies: raw-corpus lines and clang-built objects, each loaded
// once into an Object, with the kernel's recorded answer beside it.

#include "bench/verifier/kernel_times.h"
#include "lib/object/object.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace bpfverify::btf {
struct Target;
}

namespace bpfverify::bench {

struct BenchProgram {
  std::string id;    ///< corpus id, or "<object file name>:<program name>"
  std::string group; ///< "corpus" or "objects"
  size_t objectIndex = 0;
  size_t programIndex = 0;
  std::string sourcePath;  ///< the corpus file or the object file, as given
  std::string programName; ///< the corpus id, or the program's function name
  size_t insnCount = 0;
  KernelTimes recorded; ///< from the corpus line or testdata/expect/kernel/<stem>.json
};

struct BenchInputs {
  std::vector<object::Object> objects;
  std::vector<BenchProgram> programs;
  /// Objects bpfverify could not load ("path: message"): left out of the run.
  std::vector<std::string> skipped;
  /// Time spent turning files into Objects (ELF, relocations, CO-RE), outside the comparison.
  double loadMs = 0;
};

/// Adds every line of a raw corpus (testdata/raw/*.jsonl), at most `limit` when non-zero.
/// A malformed line is an input error naming the file and line.
llvm::Error addCorpus(BenchInputs &inputs, const std::string &path, size_t limit);

/// Adds every program of an object file; its recorded kernel answers are read from
/// `recordedDir`/<stem>.json when that exists. An object that does not load is recorded in
/// `skipped`, not an error: the run goes on with the others.
void addObject(BenchInputs &inputs, const std::string &path, const btf::Target *target,
               const std::string &recordedDir);

} // namespace bpfverify::bench
