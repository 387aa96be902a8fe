#include "lib/support/error.h"

#include <catch2/catch.hpp>

using namespace bpfverify;

TEST_CASE("input errors name the file and the problem on one line") {
  llvm::Error err = inputError("prog.bpf.o", "section .BTF is truncated");
  CHECK(errorMessage(std::move(err)) == "prog.bpf.o: section .BTF is truncated");
}

TEST_CASE("context is prepended to an existing error") {
  llvm::Error err = withContext(inputError("x.o", "bad"), "while reading maps");
  CHECK(errorMessage(std::move(err)) == "while reading maps: x.o: bad");
  CHECK(!withContext(llvm::Error::success(), "unused"));
}

TEST_CASE("reading a missing file is an input error, not a crash") {
  auto buf = readInputFile("/nonexistent/bpfverify/file.o");
  REQUIRE(!buf);
  std::string message = errorMessage(buf.takeError());
  CHECK(message.rfind("/nonexistent/bpfverify/file.o: cannot read file", 0) == 0);
}

TEST_CASE("reading a file refuses sizes above the limit") {
  auto buf = readInputFile(BPFVERIFY_SOURCE_DIR "/CMakeLists.txt", 16);
  REQUIRE(!buf);
  CHECK(errorMessage(buf.takeError()).find("larger than 16 bytes") != std::string::npos);
}
