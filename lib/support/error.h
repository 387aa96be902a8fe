#pragma once
// One error model for bad input: llvm::Error carrying a one-line message that names the file.

#include <llvm/ADT/StringRef.h>
#include <llvm/ADT/Twine.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <memory>
#include <string>

namespace bpfverify {

/// An input problem: "<file>: <problem>". Never used for a rejected program.
inline llvm::Error inputError(llvm::StringRef file, const llvm::Twine &problem) {
  if (file.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), problem);
  return llvm::createStringError(llvm::inconvertibleErrorCode(), file + ": " + problem);
}

/// Prefixes an existing error's message with context, e.g. the section being read.
llvm::Error withContext(llvm::Error err, const llvm::Twine &context);

/// Reads a whole file (regular files and /sys pseudo-files alike), refusing absurd sizes.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readInputFile(llvm::StringRef path,
                                                                  uint64_t maxBytes = 1ull << 30);

/// The message of an error, consuming it.
std::string errorMessage(llvm::Error err);

} // namespace bpfverify
