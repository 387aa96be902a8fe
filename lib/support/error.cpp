#include "lib/support/error.h"

namespace bpfverify {

llvm::Error withContext(llvm::Error err, const llvm::Twine &context) {
  if (!err)
    return err;
  std::string message = llvm::toString(std::move(err));
  return llvm::createStringError(llvm::inconvertibleErrorCode(), context + ": " + message);
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readInputFile(llvm::StringRef path,
                                                                  uint64_t maxBytes) {
  // /sys/kernel/btf/* report a size of 4096 or the real size depending on the kernel;
  // getFileOrSTDIN with RequiresNullTerminator=false and IsVolatile=true reads it all.
  auto bufOrErr = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false,
                                                     /*RequiresNullTerminator=*/false);
  if (!bufOrErr)
    return inputError(path, "cannot read file: " + bufOrErr.getError().message());
  if ((*bufOrErr)->getBufferSize() > maxBytes)
    return inputError(path, "file is larger than " + llvm::Twine(maxBytes) + " bytes");
  return std::move(*bufOrErr);
}

std::string errorMessage(llvm::Error err) { return llvm::toString(std::move(err)); }

} // namespace bpfverify
