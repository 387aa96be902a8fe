// ELF reading through llvm::object::ELFFile, with the checks libbpf's bpf_object__elf_init and
// bpf_object__elf_collect make, and more (every index and offset is untrusted).

#include "lib/object/elf_reader.h"

#include "lib/support/error.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Object/ELF.h>

namespace bpfverify::object {

namespace ELF = llvm::ELF;
using ElfImpl = llvm::object::ELFFile<llvm::object::ELF64LE>;

bool ElfSection::executable() const {
  return type == ELF::SHT_PROGBITS && (flags & ELF::SHF_EXECINSTR);
}

const ElfSection *ElfFile::findSection(llvm::StringRef name) const {
  for (const ElfSection &section : sections)
    if (section.index != 0 && section.name == name)
      return &section;
  return nullptr;
}

namespace {

// LLVM's messages already say what is wrong; we only prefix the file.
llvm::Error wrap(llvm::StringRef path, llvm::Error err, const llvm::Twine &what) {
  return inputError(path, what + ": " + llvm::toString(std::move(err)));
}

llvm::Error readSymbols(ElfFile &file, const ElfImpl &elf, ElfImpl::Elf_Shdr_Range headers) {
  const ElfImpl::Elf_Shdr *symtab = nullptr;
  for (const auto &header : headers) {
    if (header.sh_type != ELF::SHT_SYMTAB)
      continue;
    if (symtab)
      return inputError(file.path, "multiple symbol tables");
    symtab = &header;
  }
  if (!symtab)
    return inputError(file.path, "no symbol table (stripped object file?)");
  file.symtabIndex = static_cast<uint32_t>(symtab - headers.begin());
  auto symbols = elf.symbols(symtab);
  if (!symbols)
    return wrap(file.path, symbols.takeError(), "bad symbol table");
  auto strtab = elf.getStringTableForSymtab(*symtab, headers);
  if (!strtab)
    return wrap(file.path, strtab.takeError(), "bad symbol string table");
  uint32_t index = 0;
  file.symbols.reserve(symbols->size());
  for (const auto &sym : *symbols) {
    ElfSymbol out;
    out.index = index;
    if (index != 0 || sym.st_name != 0) {
      auto name = sym.getName(*strtab);
      if (!name)
        return wrap(file.path, name.takeError(), "symbol #" + llvm::Twine(index));
      out.name = name->str();
    }
    out.value = sym.st_value;
    out.size = sym.st_size;
    out.type = sym.getType();
    out.bind = sym.getBinding();
    out.visibility = sym.getVisibility();
    out.shndx = sym.st_shndx;
    if (out.shndx != ELF::SHN_UNDEF && out.shndx < ELF::SHN_LORESERVE &&
        out.shndx >= file.sections.size())
      return inputError(file.path, "symbol '" + out.name + "' (#" + llvm::Twine(index) +
                                       ") points to section #" + llvm::Twine(out.shndx) + " of " +
                                       llvm::Twine(file.sections.size()));
    file.symbols.push_back(std::move(out));
    ++index;
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<ElfFile> readElf(std::unique_ptr<llvm::MemoryBuffer> buffer, llvm::StringRef path) {
  ElfFile file;
  file.path = path.str();
  llvm::StringRef bytes = buffer->getBuffer();
  if (bytes.size() < ELF::EI_NIDENT || !bytes.starts_with(ELF::ElfMagic))
    return inputError(path, "not an ELF file");
  if (static_cast<uint8_t>(bytes[ELF::EI_CLASS]) != ELF::ELFCLASS64)
    return inputError(path, "not a 64-bit ELF file");
  if (static_cast<uint8_t>(bytes[ELF::EI_DATA]) != ELF::ELFDATA2LSB)
    return inputError(path,
                      "not a little-endian ELF file (big-endian BPF objects are not supported)");
  auto elfOrErr = ElfImpl::create(bytes);
  if (!elfOrErr)
    return wrap(path, elfOrErr.takeError(), "malformed ELF");
  const ElfImpl &elf = *elfOrErr;
  if (elf.getHeader().e_machine != ELF::EM_BPF)
    return inputError(path, "not a BPF object (e_machine " +
                                llvm::Twine(elf.getHeader().e_machine) + ", expected EM_BPF 247)");
  if (elf.getHeader().e_type != ELF::ET_REL)
    return inputError(path, "not a relocatable object (e_type " +
                                llvm::Twine(elf.getHeader().e_type) + ")");

  auto headers = elf.sections();
  if (!headers)
    return wrap(path, headers.takeError(), "bad section header table");
  if (headers->empty())
    return inputError(path, "no sections");
  auto shstrtab = elf.getSectionStringTable(*headers);
  if (!shstrtab)
    return wrap(path, shstrtab.takeError(), "bad section name table");

  file.sections.resize(headers->size());
  for (size_t i = 0; i < headers->size(); ++i) {
    const auto &header = (*headers)[i];
    ElfSection &section = file.sections[i];
    section.index = static_cast<uint32_t>(i);
    if (i == 0)
      continue;
    auto name = elf.getSectionName(header, *shstrtab);
    if (!name)
      return wrap(path, name.takeError(), "section #" + llvm::Twine(i));
    section.name = name->str();
    section.type = header.sh_type;
    section.flags = header.sh_flags;
    section.link = header.sh_link;
    section.info = header.sh_info;
    section.entsize = header.sh_entsize;
    section.size = header.sh_size;
    if (header.sh_type == ELF::SHT_NOBITS || header.sh_type == ELF::SHT_NULL)
      continue;
    auto contents = elf.getSectionContents(header);
    if (!contents)
      return wrap(path, contents.takeError(), "section '" + section.name + "'");
    section.data = *contents;
  }

  if (auto err = readSymbols(file, elf, *headers))
    return err;

  for (size_t i = 1; i < headers->size(); ++i) {
    ElfSection &section = file.sections[i];
    if (section.type != ELF::SHT_REL)
      continue;
    if (section.entsize != sizeof(ElfImpl::Elf_Rel))
      return inputError(path, "relocation section '" + section.name + "' has entry size " +
                                  llvm::Twine(section.entsize) + ", expected 16");
    if (section.info == 0 || section.info >= file.sections.size())
      return inputError(path, "relocation section '" + section.name +
                                  "' targets invalid section #" + llvm::Twine(section.info));
    if (section.link != file.symtabIndex)
      return inputError(path,
                        "relocation section '" + section.name + "' does not use the symbol table");
    auto rels = elf.rels((*headers)[i]);
    if (!rels)
      return wrap(path, rels.takeError(), "relocation section '" + section.name + "'");
    section.rels.reserve(rels->size());
    for (const auto &rel : *rels) {
      ElfRel out{rel.r_offset, rel.getSymbol(false), rel.getType(false)};
      if (out.symbol >= file.symbols.size())
        return inputError(path, "relocation section '" + section.name + "': symbol #" +
                                    llvm::Twine(out.symbol) + " out of range (" +
                                    llvm::Twine(file.symbols.size()) + " symbols)");
      section.rels.push_back(out);
    }
  }
  file.buffer = std::move(buffer);
  return file;
}

} // namespace bpfverify::object
