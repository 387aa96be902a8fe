#pragma once
// A validated view of a BPF ELF relocatable object: sections, symbols and REL relocations.

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bpfverify::object {

struct ElfRel {
  uint64_t offset = 0;
  uint32_t symbol = 0; ///< index into ElfFile::symbols, checked in range
  uint32_t type = 0;
};

struct ElfSection {
  uint32_t index = 0;
  std::string name;
  uint32_t type = 0; ///< SHT_*
  uint64_t flags = 0;
  uint32_t link = 0, info = 0;
  uint64_t entsize = 0;
  uint64_t size = 0;            ///< sh_size (also for SHT_NOBITS)
  llvm::ArrayRef<uint8_t> data; ///< empty for SHT_NOBITS
  std::vector<ElfRel> rels;     ///< for SHT_REL sections: the entries
  bool executable() const;      ///< SHT_PROGBITS with SHF_EXECINSTR
};

struct ElfSymbol {
  uint32_t index = 0;
  std::string name;
  uint64_t value = 0, size = 0;
  uint8_t type = 0, bind = 0, visibility = 0;
  uint16_t shndx = 0; ///< raw st_shndx (SHN_UNDEF, SHN_ABS, ... kept as is)
};

/// The whole ELF file. Sections are indexed by ELF section index (entry 0 is the null section).
struct ElfFile {
  std::string path;
  std::unique_ptr<llvm::MemoryBuffer> buffer; ///< owns the bytes the ArrayRefs point into
  std::vector<ElfSection> sections;
  std::vector<ElfSymbol> symbols;
  uint32_t symtabIndex = 0;

  const ElfSection *findSection(llvm::StringRef name) const;
};

/// Parses and validates an EM_BPF ELF64 little-endian object. Every offset, size and index is
/// checked; problems are "<path>: <problem>" errors.
llvm::Expected<ElfFile> readElf(std::unique_ptr<llvm::MemoryBuffer> buffer, llvm::StringRef path);

} // namespace bpfverify::object
