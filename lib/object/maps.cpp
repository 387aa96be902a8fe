// Maps: BTF-defined maps in .maps (parse_btf_map_def), global data maps (.data*, .rodata*, .bss*)
// and the .kconfig map with libbpf's internal names, and .maps relocations (initial slots).

#include "lib/object/loader_state.h"
#include "lib/object/uapi_enums.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/BinaryFormat/ELF.h>

#include <algorithm>
#include <cctype>

namespace bpfverify::object::detail {

using btf::Kind;

namespace {

constexpr uint32_t BPF_F_RDONLY_PROG = 1u << 7;
constexpr uint32_t BPF_F_MMAPABLE = 1u << 10;
constexpr uint32_t MapTypeRingbuf = 27, MapTypeUserRingbuf = 31;
constexpr uint32_t PageSize = 4096; // x86-64, as sysconf(_SC_PAGE_SIZE) on the reference machine
constexpr size_t ObjNameLen = 16;   // BPF_OBJ_NAME_LEN

/// struct btf_map_def of libbpf.
struct MapDef {
  uint32_t mapType = 0, keySize = 0, valueSize = 0, maxEntries = 0, mapFlags = 0, numaNode = 0,
           pinning = 0;
  uint64_t mapExtra = 0;
  uint32_t keyTypeId = 0, valueTypeId = 0;
  bool hasInner = false;
};

bool isMapInMap(uint32_t type) {
  return type == MapTypeArrayOfMaps || type == MapTypeHashOfMaps;
}

class MapDefParser {
public:
  MapDefParser(const State &state, const btf::Btf &btf) : state_(state), btf_(btf) {}

  // parse_btf_map_def(); inner == nullptr when parsing an inner definition.
  llvm::Error parse(const std::string &mapName, btf::TypeId defId, MapDef &def, MapDef *inner) {
    const btf::Type &defType = btf_.type(defId);
    for (size_t i = 0; i < defType.members.size(); ++i) {
      const btf::Member &m = defType.members[i];
      llvm::StringRef name(m.name.data(), m.name.size());
      if (name == "type") {
        if (auto err = fieldInt(mapName, m, def.mapType))
          return err;
      } else if (name == "max_entries") {
        if (auto err = fieldInt(mapName, m, def.maxEntries))
          return err;
      } else if (name == "map_flags") {
        if (auto err = fieldInt(mapName, m, def.mapFlags))
          return err;
      } else if (name == "numa_node") {
        if (auto err = fieldInt(mapName, m, def.numaNode))
          return err;
      } else if (name == "key_size" || name == "value_size") {
        uint32_t size = 0;
        if (auto err = fieldInt(mapName, m, size))
          return err;
        if (auto err = setSize(mapName, name == "key_size" ? "key" : "value",
                               name == "key_size" ? def.keySize : def.valueSize, size))
          return err;
      } else if (name == "key" || name == "value") {
        const btf::Type &t = btf_.type(m.type);
        if (t.kind != Kind::Ptr)
          return fail(mapName, name + " spec is not PTR: " + kind(t));
        auto size = btf_.sizeOf(t.type);
        if (!size) {
          llvm::consumeError(size.takeError());
          return fail(mapName,
                      "can't determine " + name + " size for type [" + llvm::Twine(t.type) + "]");
        }
        if (*size > UINT32_MAX)
          return fail(mapName, name + " size too large");
        bool isKey = name == "key";
        if (auto err = setSize(mapName, name, isKey ? def.keySize : def.valueSize,
                               static_cast<uint32_t>(*size)))
          return err;
        (isKey ? def.keyTypeId : def.valueTypeId) = t.type;
      } else if (name == "values") {
        bool mapInMap = isMapInMap(def.mapType);
        bool progArray = def.mapType == MapTypeProgArray;
        std::string desc = mapInMap ? "map-in-map inner" : "prog-array value";
        if (!inner)
          return fail(mapName, "multi-level inner maps not supported.");
        if (i != defType.members.size() - 1)
          return fail(mapName, "'values' member should be last.");
        if (!mapInMap && !progArray)
          return fail(mapName, "should be map-in-map or prog-array.");
        if (def.valueSize && def.valueSize != 4)
          return fail(mapName, "conflicting value size " + llvm::Twine(def.valueSize) + " != 4.");
        def.valueSize = 4;
        const btf::Type &arr = btf_.type(m.type);
        if (arr.kind != Kind::Array || arr.nelems)
          return fail(mapName, desc + " spec is not a zero-sized array.");
        const btf::Type &ptr = btf_.type(btf_.skipModifiersAndTypedefs(arr.elemType));
        if (ptr.kind != Kind::Ptr)
          return fail(mapName, desc + " def is of unexpected kind " + kind(ptr) + ".");
        btf::TypeId targetId = btf_.skipModifiersAndTypedefs(ptr.type);
        const btf::Type &target = btf_.type(targetId);
        if (progArray) {
          if (target.kind != Kind::FuncProto)
            return fail(mapName,
                        "prog-array value def is of unexpected kind " + kind(target) + ".");
          continue;
        }
        if (target.kind != Kind::Struct)
          return fail(mapName, "map-in-map inner def is of unexpected kind " + kind(target) + ".");
        if (auto err = parse(mapName + ".inner", targetId, *inner, nullptr))
          return err;
        def.hasInner = true;
      } else if (name == "pinning") {
        if (!inner)
          return fail(mapName, "inner def can't be pinned.");
        uint32_t value = 0;
        if (auto err = fieldInt(mapName, m, value))
          return err;
        if (value > 1) // LIBBPF_PIN_NONE, LIBBPF_PIN_BY_NAME
          return fail(mapName, "invalid pinning value " + llvm::Twine(value) + ".");
        def.pinning = value;
      } else if (name == "map_extra") {
        if (auto err = fieldLong(mapName, m, def.mapExtra))
          return err;
      } else {
        // libbpf opens objects with strict map parsing unless relaxed_maps is set.
        return fail(mapName, "unknown field '" + name + "'.");
      }
    }
    if (def.mapType == 0)
      return fail(mapName, "map type isn't specified.");
    return llvm::Error::success();
  }

private:
  llvm::Error fail(const std::string &mapName, const llvm::Twine &problem) const {
    return state_.error("map '" + mapName + "': " + problem);
  }
  static std::string kind(const btf::Type &t) { return btf::kindName(t.kind).str(); }

  llvm::Error setSize(const std::string &mapName, llvm::StringRef what, uint32_t &slot,
                      uint32_t size) const {
    if (slot && slot != size)
      return fail(mapName, "conflicting " + what + " size " + llvm::Twine(slot) +
                               " != " + llvm::Twine(size) + ".");
    slot = size;
    return llvm::Error::success();
  }

  // get_map_field_int(): `int (*name)[N]` encodes N.
  llvm::Error fieldInt(const std::string &mapName, const btf::Member &m, uint32_t &out) const {
    const btf::Type &t = btf_.type(btf_.skipModifiersAndTypedefs(m.type));
    std::string attr(m.name);
    if (t.kind != Kind::Ptr)
      return fail(mapName, "attr '" + attr + "': expected PTR, got " + kind(t) + ".");
    const btf::Type &arr = btf_.type(t.type);
    if (arr.kind != Kind::Array)
      return fail(mapName, "attr '" + attr + "': expected ARRAY, got " + kind(arr) + ".");
    out = arr.nelems;
    return llvm::Error::success();
  }

  // get_map_field_long(): like fieldInt, or a one-value enum (__ulong).
  llvm::Error fieldLong(const std::string &mapName, const btf::Member &m, uint64_t &out) const {
    const btf::Type &t = btf_.type(btf_.skipModifiersAndTypedefs(m.type));
    if (t.kind == Kind::Ptr) {
      uint32_t value = 0;
      if (auto err = fieldInt(mapName, m, value))
        return err;
      out = value;
      return llvm::Error::success();
    }
    std::string attr(m.name);
    if (!t.isEnum())
      return fail(mapName, "attr '" + attr + "': expected ENUM or ENUM64, got " + kind(t) + ".");
    if (t.enumerators.size() != 1)
      return fail(mapName, "attr '" + attr + "': invalid __ulong");
    // ENUM values are u32 in libbpf's read (e->val); ENUM64 the full pattern.
    out = t.kind == Kind::Enum ? static_cast<uint32_t>(t.enumerators[0].value)
                               : static_cast<uint64_t>(t.enumerators[0].value);
    return llvm::Error::success();
  }

  const State &state_;
  const btf::Btf &btf_;
};

// adjust_ringbuf_sz(): a power-of-2 multiple of the page size.
uint32_t adjustRingbufSize(uint32_t size) {
  if (size == 0)
    return 0;
  if (size % PageSize == 0 && llvm::isPowerOf2_32(size / PageSize))
    return size;
  for (uint64_t mul = 1; mul <= UINT32_MAX / PageSize; mul <<= 1)
    if (mul * PageSize > size)
      return static_cast<uint32_t>(mul * PageSize);
  return size;
}

void fillMap(Map &map, const MapDef &def) {
  map.type = def.mapType;
  map.keySize = def.keySize;
  map.valueSize = def.valueSize;
  map.maxEntries = def.maxEntries;
  map.flags = def.mapFlags;
  map.mapExtra = def.mapExtra;
  map.numaNode = def.numaNode;
  map.pinning = def.pinning;
  map.keyTypeId = def.keyTypeId;
  map.valueTypeId = def.valueTypeId;
  if (map.type == MapTypeRingbuf || map.type == MapTypeUserRingbuf)
    map.maxEntries = adjustRingbufSize(map.maxEntries);
}

llvm::Error initUserBtfMaps(State &state, std::vector<Map> &innerTemplates,
                            std::vector<size_t> &innerOwners) {
  if (state.mapsShndx < 0)
    return llvm::Error::success();
  if (!state.btf)
    return state.error("BTF is required for section '.maps', but is missing");
  const btf::Btf &btf = *state.btf;
  const ElfSection &section = state.elf.sections[state.mapsShndx];
  const btf::Type *sec = nullptr;
  for (btf::TypeId id = 1; id < btf.endId(); ++id) {
    const btf::Type &t = btf.type(id);
    if (t.kind == Kind::DataSec && t.name == ".maps") {
      sec = &t;
      state.mapsSecBtfId = id;
      break;
    }
  }
  if (!sec)
    return state.error("DATASEC '.maps' not found.");
  for (uint32_t varIdx = 0; varIdx < sec->vars.size(); ++varIdx) {
    const btf::VarSecInfo &vi = sec->vars[varIdx];
    const btf::Type &var = btf.type(vi.type);
    std::string name(var.name);
    if (name.empty())
      return state.error("map #" + llvm::Twine(varIdx) + ": empty name.");
    if (uint64_t(vi.offset) + vi.size > section.size)
      return state.error("map '" + name + "' BTF data is corrupted.");
    if (var.kind != Kind::Var)
      return state.error("map '" + name + "': unexpected var kind " + btf::kindName(var.kind) +
                         ".");
    if (var.linkage != btf::LinkageGlobal)
      return state.error("map '" + name + "': unsupported map linkage " +
                         (var.linkage == btf::LinkageStatic ? "static" : "extern") + ".");
    btf::TypeId defId = btf.skipModifiersAndTypedefs(var.type);
    const btf::Type &def = btf.type(defId);
    if (def.kind != Kind::Struct)
      return state.error("map '" + name + "': unexpected def kind " + btf::kindName(def.kind) +
                         ".");
    if (def.size > vi.size)
      return state.error("map '" + name + "': invalid def size.");

    MapDef mapDef, innerDef;
    if (auto err = MapDefParser(state, btf).parse(name, defId, mapDef, &innerDef))
      return err;
    Map map;
    map.name = name;
    map.sectionName = ".maps";
    map.origin = MapOrigin::BtfDefined;
    fillMap(map, mapDef);
    if (mapDef.hasInner) {
      Map inner;
      inner.name = name + ".inner";
      inner.sectionName = ".maps";
      inner.innerTemplate = true;
      fillMap(inner, innerDef);
      innerTemplates.push_back(std::move(inner));
      innerOwners.push_back(state.object.maps.size());
    }
    state.object.maps.push_back(std::move(map));
    state.mapOrigins.push_back({state.mapsShndx, vi.offset, varIdx, false});
  }
  return llvm::Error::success();
}

// internal_map_name() of libbpf.
std::string internalMapName(llvm::StringRef objName, llvm::StringRef realName) {
  size_t sfxLen = std::max<size_t>(7, realName.size());
  if (sfxLen >= ObjNameLen)
    sfxLen = ObjNameLen - 1;
  size_t pfxLen = 0;
  if (realName.size() < 2 || realName.drop_front().find('.') == llvm::StringRef::npos)
    pfxLen = std::min(ObjNameLen - sfxLen - 1, objName.size());
  std::string name = (objName.take_front(pfxLen) + realName.take_front(sfxLen)).str();
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.')
      c = '_';
  return name;
}

// map_is_mmapable(): a DATASEC with at least one non-static VAR.
bool datasecHasNonStaticVar(const btf::Btf &btf, btf::TypeId id) {
  const btf::Type &t = btf.type(id);
  if (t.kind != Kind::DataSec)
    return false;
  for (const btf::VarSecInfo &vi : t.vars) {
    const btf::Type &var = btf.type(vi.type);
    if (var.kind == Kind::Var && var.linkage != btf::LinkageStatic)
      return true;
  }
  return false;
}

void addInternalMap(State &state, MapOrigin origin, llvm::StringRef realName, int secIdx,
                    llvm::ArrayRef<uint8_t> data, uint64_t size) {
  Map map;
  map.name = internalMapName(state.object.name, realName);
  map.sectionName = realName.str();
  map.origin = origin;
  map.type = MapTypeArray;
  map.keySize = 4;
  map.valueSize = static_cast<uint32_t>(size);
  map.maxEntries = 1;
  bool readOnly = origin == MapOrigin::Rodata || origin == MapOrigin::Kconfig;
  map.flags = readOnly ? BPF_F_RDONLY_PROG : 0;
  map.frozen = readOnly;
  if (state.btf) {
    // map_fill_btf_type_info(): btf__find_by_name(), the first type of that name.
    llvm::ArrayRef<btf::TypeId> ids = state.btf->findByName(realName);
    if (!ids.empty()) {
      map.valueTypeId = ids.front();
      if (datasecHasNonStaticVar(*state.btf, map.valueTypeId))
        map.flags |= BPF_F_MMAPABLE;
    }
  }
  map.initialValue.assign(size, 0);
  std::copy(data.begin(), data.end(), map.initialValue.begin());
  state.object.maps.push_back(std::move(map));
  state.mapOrigins.push_back({secIdx, 0, 0, true});
}

} // namespace

llvm::Error initMaps(State &state) {
  std::vector<Map> innerTemplates;
  std::vector<size_t> innerOwners;
  if (auto err = initUserBtfMaps(state, innerTemplates, innerOwners))
    return err;

  // bpf_object__init_global_data_maps(): in section order, non-empty sections only.
  for (const ElfSection &section : state.elf.sections) {
    SecType type = state.secTypes.empty() ? SecType::None : state.secTypes[section.index];
    if (section.size == 0)
      continue;
    if (section.size > UINT32_MAX)
      return state.error("section '" + section.name + "' is too large for a map value");
    switch (type) {
    case SecType::Data:
      addInternalMap(state, MapOrigin::Data, section.name, section.index, section.data,
                     section.size);
      break;
    case SecType::Rodata:
      addInternalMap(state, MapOrigin::Rodata, section.name, section.index, section.data,
                     section.size);
      break;
    case SecType::Bss:
      if (section.size > (256u << 20))
        return state.error("section '" + section.name + "' is larger than 256 MiB");
      addInternalMap(state, MapOrigin::Bss, section.name, section.index, {}, section.size);
      break;
    default:
      break;
    }
  }

  // bpf_object__init_kconfig_map(): sized to the last (sorted) kconfig extern.
  const Extern *last = nullptr;
  for (const Extern &ext : state.externs)
    if (ext.type == Extern::Type::Kconfig)
      last = &ext;
  if (last) {
    addInternalMap(state, MapOrigin::Kconfig, ".kconfig", static_cast<int>(state.elf.symtabIndex),
                   {}, uint64_t(last->kcfgOffset) + last->kcfgSize);
    state.kconfigMapIdx = static_cast<int>(state.object.maps.size() - 1);
  }

  // Inner map templates go after every real map (libbpf keeps them outside obj->maps).
  for (size_t i = 0; i < innerTemplates.size(); ++i) {
    state.object.maps[innerOwners[i]].innerMap = static_cast<uint32_t>(state.object.maps.size());
    state.object.maps.push_back(std::move(innerTemplates[i]));
    state.mapOrigins.push_back({-1, 0, 0, false});
  }
  return llvm::Error::success();
}

// bpf_object__collect_map_relos(): `.values = { [0] = &map_or_prog }` initial slots.
llvm::Error collectMapRelos(State &state) {
  if (state.mapsShndx < 0)
    return llvm::Error::success();
  for (const ElfSection &relSection : state.elf.sections) {
    if (relSection.index == 0 || state.secTypes[relSection.index] != SecType::Relo ||
        relSection.info != static_cast<uint32_t>(state.mapsShndx))
      continue;
    if (!state.btf || !state.mapsSecBtfId)
      return state.error("relocations against '.maps' without its BTF");
    const btf::Btf &btf = *state.btf;
    const btf::Type &sec = btf.type(state.mapsSecBtfId);
    for (size_t r = 0; r < relSection.rels.size(); ++r) {
      const ElfRel &rel = relSection.rels[r];
      const ElfSymbol &sym = state.elf.symbols[rel.symbol];
      std::string where = ".maps relo #" + std::to_string(r);
      size_t mapIdx = 0;
      const btf::VarSecInfo *vi = nullptr;
      for (; mapIdx < state.object.maps.size(); ++mapIdx) {
        const State::MapOrigin &origin = state.mapOrigins[mapIdx];
        if (origin.secIdx != state.mapsShndx || origin.internal)
          continue;
        const btf::VarSecInfo &candidate = sec.vars[origin.btfVarIdx];
        if (candidate.offset <= rel.offset &&
            rel.offset + 8 <= uint64_t(candidate.offset) + candidate.size) {
          vi = &candidate;
          break;
        }
      }
      if (!vi)
        return state.error(where + ": cannot find map '" + sym.name + "' at rel->r_offset " +
                           llvm::Twine(rel.offset));
      Map &map = state.object.maps[mapIdx];
      bool mapInMap = isMapInMap(map.type);
      int32_t target = -1;
      if (mapInMap) {
        if (sym.shndx != state.mapsShndx)
          return state.error(where + ": '" + sym.name + "' isn't a BTF-defined map");
        if (map.type == MapTypeHashOfMaps && map.keySize != 4)
          return state.error(where + ": hash-of-maps '" + map.name + "' should have key size 4.");
        for (size_t j = 0; j < state.object.maps.size(); ++j)
          if (!state.object.maps[j].innerTemplate && state.object.maps[j].name == sym.name) {
            target = static_cast<int32_t>(j);
            break;
          }
        if (target < 0)
          return state.error(where + ": '" + sym.name + "' isn't a valid map reference");
      } else if (map.type == MapTypeProgArray) {
        const Unit *unit = nullptr;
        for (const Unit &u : state.units)
          if (!u.isSubprog && u.name == sym.name) {
            unit = &u;
            break;
          }
        if (!unit)
          return state.error(where + ": '" + sym.name + "' isn't a valid program reference");
        if (unit->secIdx != sym.shndx || uint64_t(unit->secInsnOff) * 8 != sym.value)
          return state.error(where + ": '" + sym.name + "' isn't an entry-point program");
        target = unit->programIndex;
      } else {
        return state.error(where + ": map '" + map.name + "' is neither map-in-map nor prog array");
      }
      const btf::Type &def = btf.type(btf.skipModifiersAndTypedefs(btf.type(vi->type).type));
      if (def.members.empty() || def.members.back().name != "values")
        return state.error(where + ": map '" + map.name + "' has no trailing 'values' member");
      uint64_t memberOffset = def.members.back().bitOffset / 8;
      if (rel.offset - vi->offset < memberOffset)
        return state.error(where + ": offset before 'values' of map '" + map.name + "'");
      uint64_t slotOffset = rel.offset - vi->offset - memberOffset;
      if (slotOffset % 8)
        return state.error(where + ": misaligned 'values' slot of map '" + map.name + "'");
      uint64_t slot = slotOffset / 8;
      if (slot >= map.initialSlots.size())
        map.initialSlots.resize(slot + 1, -1);
      map.initialSlots[slot] = target;
    }
  }
  return llvm::Error::success();
}

} // namespace bpfverify::object::detail
