// The bpfverify executable as a user sees it: exit statuses, one-line errors, listings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

struct Run {
  int status = -1;
  std::string out, err;
};

std::string slurp(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs bpfverify with args (and extra "NAME=value" environment entries), capturing stdout and
/// stderr through temporary files.
Run bpfverify(std::vector<std::string> args, std::vector<std::string> extraEnv = {}) {
  static int counter = 0;
  std::string base = std::string(BPFVERIFY_BINARY_DIR) + "/tests/cli/run" +
                     std::to_string(getpid()) + "_" + std::to_string(counter++);
  std::string outPath = base + ".out", errPath = base + ".err";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  args.insert(args.begin(), BPFVERIFY_EXE);
  std::vector<char *> argv;
  for (std::string &a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char *> envp;
  for (std::string &e : extraEnv)
    envp.push_back(e.data());
  for (char **e = environ; *e; ++e)
    envp.push_back(*e);
  envp.push_back(nullptr);
  pid_t pid;
  Run r;
  if (posix_spawn(&pid, BPFVERIFY_EXE, &actions, nullptr, argv.data(), envp.data()) == 0) {
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  }
  posix_spawn_file_actions_destroy(&actions);
  r.out = slurp(outPath);
  r.err = slurp(errPath);
  unlink(outPath.c_str());
  unlink(errPath.c_str());
  return r;
}

std::string prog(const std::string &stem) {
  return std::string(BPFVERIFY_BINARY_DIR) + "/testdata/progs/" + stem + ".bpf.o";
}

size_t lines(const std::string &s) {
  return std::count(s.begin(), s.end(), '\n');
}

/// A scratch file with the given bytes.
std::string scratch(const std::string &name, const std::string &bytes) {
  std::string path = std::string(BPFVERIFY_BINARY_DIR) + "/tests/cli/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

const char *const Examples[] = {"example_xdp_parser", "example_kprobe_ringbuf",
                                "example_socket_filter", "example_map_oob"};

} // namespace

TEST_CASE("well-formed objects: one line per program with the kernel's verdict; status 1 on a "
          "rejection") {
  for (const char *stem : Examples) {
    INFO(stem);
    // The shipped BTF: the recordings come from that kernel, whatever runs the tests.
    Run r = bpfverify({"--btf", BPFVERIFY_SHIPPED_BTF, prog(stem)});
    CHECK(r.err.empty());
    auto recorded = nlohmann::json::parse(
        slurp(std::string(BPFVERIFY_SOURCE_DIR) + "/testdata/expect/kernel/" + stem + ".json"));
    bool anyReject = false;
    size_t errorLines = 0;
    for (const auto &p : recorded["programs"]) {
      std::string verdict = p["verdict"].get<std::string>();
      anyReject |= verdict == "reject";
      // A rejection adds the message line and the source line below the program's line.
      errorLines += verdict == "reject" ? 2 : 0;
      std::string line = prog(stem) + ": " + p["section"].get<std::string>() + "/" +
                         p["name"].get<std::string>() + ": " + p["prog_type"].get<std::string>() +
                         ": " + verdict;
      CHECK(r.out.find(line) != std::string::npos);
    }
    CHECK(r.status == (anyReject ? 1 : 0));
    // One line per program, its error lines, plus the summary line.
    CHECK(lines(r.out) == recorded["programs"].size() + errorLines + 1);
  }
}

TEST_CASE("--list gives libbpf's program types and instruction counts") {
  for (const char *stem : Examples) {
    INFO(stem);
    Run r = bpfverify({"--btf", BPFVERIFY_SHIPPED_BTF, "--list", prog(stem)});
    REQUIRE(r.status == 0);
    // The counts libbpf handed the kernel, recorded by kernel-oracle.
    auto recorded = nlohmann::json::parse(slurp(std::string(BPFVERIFY_SOURCE_DIR) +
                                                "/testdata/expect/libbpf-insns/" + stem + ".json"));
    CHECK(lines(r.out) == recorded["programs"].size());
    for (const auto &p : recorded["programs"]) {
      std::string head = prog(stem) + ": " + p["section"].get<std::string>() + "/" +
                         p["name"].get<std::string>() + ": " + p["prog_type"].get<std::string>();
      std::string count = std::to_string(p["insn_cnt"].get<int>()) + " insns)";
      size_t at = r.out.find(head);
      REQUIRE(at != std::string::npos);
      std::string line = r.out.substr(at, r.out.find('\n', at) - at);
      CHECK(line.size() >= count.size());
      CHECK(line.substr(line.size() - count.size()) == count);
    }
  }
}

TEST_CASE("bad input: one line on stderr naming the file, status 2") {
  std::string elf = slurp(prog("example_map_oob"));
  REQUIRE(elf.size() > 200);
  std::vector<std::string> bad = {
      scratch("truncated.bpf.o", elf.substr(0, 100)),
      scratch("garbage.bpf.o", "this is not an ELF file at all\n"),
      scratch("empty.bpf.o", ""),
      scratch("header_only.bpf.o", elf.substr(0, 64)),
      std::string(BPFVERIFY_BINARY_DIR) + "/tests/cli/does-not-exist.bpf.o",
  };
  for (const std::string &file : bad) {
    INFO(file);
    Run r = bpfverify({file});
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find(file) != std::string::npos);
  }
}

TEST_CASE("a bad file among good ones: the good ones are still reported, status 2") {
  std::string garbage = scratch("garbage2.bpf.o", "garbage");
  Run r = bpfverify({"--format", "json", prog("example_map_oob"), garbage});
  CHECK(r.status == 2);
  CHECK(lines(r.err) == 1);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["programs"].size() == 2);
  CHECK(doc["input_errors"].size() == 1);
  CHECK(doc["input_errors"][0]["file"] == garbage);
}

TEST_CASE("usage errors: one line on stderr, status 2") {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {},
           {"--format", "xml", prog("example_map_oob")},
           {"--log-level", "3", prog("example_map_oob")},
           {"--no-such-option", prog("example_map_oob")},
           {"--program", "no_such_program", prog("example_map_oob")},
           {"--prog-type", "xdp", prog("example_map_oob")},
       }) {
    Run r = bpfverify(args);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
  }
  Run help = bpfverify({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("--btf") != std::string::npos);
}

TEST_CASE("filters select programs by name and section glob") {
  Run byName = bpfverify({"--list", "--program", "leak_record", prog("example_kprobe_ringbuf")});
  CHECK(byName.status == 0);
  CHECK(lines(byName.out) == 1);
  CHECK(byName.out.find("/leak_record: kprobe") != std::string::npos);
  Run bySection = bpfverify({"--list", "--section", "kprobe/*", prog("example_kprobe_ringbuf"),
                             prog("example_xdp_parser")});
  CHECK(bySection.status == 0);
  CHECK(lines(bySection.out) == 2);
  CHECK(bySection.out.find("xdp_parse") == std::string::npos);
}

TEST_CASE("--btf: an explicit BTF file is used and named; a bad one is an input error") {
  Run r =
      bpfverify({"--format", "json", "--btf", BPFVERIFY_SHIPPED_BTF, prog("example_xdp_parser")});
  REQUIRE(r.status == 0);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["target"]["origin"] == "file");
  CHECK(doc["target"]["btf"] == BPFVERIFY_SHIPPED_BTF);
  std::string notBtf = scratch("not.btf", "definitely not BTF");
  Run bad = bpfverify({"--btf", notBtf, prog("example_xdp_parser")});
  CHECK(bad.status == 2);
  CHECK(lines(bad.err) == 1);
  CHECK(bad.err.find(notBtf) != std::string::npos);
}

#ifdef BPFVERIFY_HAVE_DISASM
TEST_CASE("--disasm prints the kernel log's instruction text") {
  Run r = bpfverify({"--disasm", "--program", "uninit_register", prog("example_socket_filter")});
  CHECK(r.status == 0);
  // Exactly what Linux 6.18 printed for this program (kernel-oracle log, level 2).
  CHECK(r.out.find("\n0: (bf) r0 = r2\n1: (95) exit\n") != std::string::npos);
}
#endif

TEST_CASE("--kconfig gives __kconfig externs their values, as libbpf's config file does") {
  std::string config = scratch("kconfig.config", "# CONFIG_FOO is not set\n"
                                                 "CONFIG_HZ=250\n"
                                                 "CONFIG_NR_CPUS=8\n"
                                                 "CONFIG_BPF_SYSCALL=y\n"
                                                 "CONFIG_BPF_JIT=y\n"
                                                 "CONFIG_DEFAULT_HOSTNAME=\"(none)\"\n");
  // Against a BTF file there is no running kernel config: the strong CONFIG_NR_CPUS extern
  // stays unresolved, which libbpf refuses too ("extern ... (strong) not resolved").
  Run without = bpfverify({"--btf", BPFVERIFY_SHIPPED_BTF, prog("globals_kconfig")});
  CHECK(without.status == 2);
  CHECK(lines(without.err) == 1);
  CHECK(without.err.find("CONFIG_NR_CPUS") != std::string::npos);
  Run with =
      bpfverify({"--btf", BPFVERIFY_SHIPPED_BTF, "--kconfig", config, prog("globals_kconfig")});
  CHECK(with.status == 0);
  CHECK(with.err.empty());
  Run missing = bpfverify({"--kconfig", config + ".missing", prog("globals_kconfig")});
  CHECK(missing.status == 2);
  CHECK(missing.err.find(config + ".missing") != std::string::npos);
}

#ifdef BPFVERIFY_HAVE_RAW_INPUT
TEST_CASE("--raw: instruction files with a map list; bad raw input is status 2") {
  // r0 = 0; exit
  std::string ret0 = scratch("ret0.bin", std::string("\xb7\0\0\0\0\0\0\0\x95\0\0\0\0\0\0\0", 16));
  Run ok = bpfverify({"--raw", ret0, "--prog-type", "xdp", "--format", "json"});
  CHECK(ok.status == 0);
  auto doc = nlohmann::json::parse(ok.out);
  REQUIRE(doc["programs"].size() == 1);
  CHECK(doc["programs"][0]["prog_type"] == "xdp");
  CHECK(doc["programs"][0]["insn_count"] == 2);
  // r1 = map fd 5 (ld_imm64, two slots); r0 = 0; exit
  std::string withMap = scratch("map.bin", std::string("\x18\x11\0\0\x05\0\0\0\0\0\0\0\0\0\0\0"
                                                       "\xb7\0\0\0\0\0\0\0\x95\0\0\0\0\0\0\0",
                                                       32));
  std::string maps = scratch("maps.json", R"([{"name": "counts", "type": "array", "key_size": 4,
                                           "value_size": 8, "max_entries": 1, "fd": 5}])");
  Run disasm =
      bpfverify({"--raw", withMap, "--prog-type", "socket_filter", "--maps", maps, "--disasm"});
  CHECK(disasm.status == 0);
  CHECK(disasm.out.find("0: (18) r1 = map[counts]\n2: (b7) r0 = 0\n3: (95) exit\n") !=
        std::string::npos);
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"--raw", withMap, "--prog-type", "socket_filter"},              // fd 5 unknown
           {"--raw", ret0, "--prog-type", "no_such_type"},                  // bad type
           {"--raw", scratch("odd.bin", "\xb7\0\0"), "--prog-type", "xdp"}, // not 8n bytes
       }) {
    Run r = bpfverify(args);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find(args[1]) != std::string::npos);
  }
}
#endif

TEST_CASE("without a readable running-kernel BTF, the shipped BTF is decompressed into a cache") {
  std::string cache =
      std::string(BPFVERIFY_BINARY_DIR) + "/tests/cli/cache" + std::to_string(getpid());
  std::string cached = cache + "/bpfverify/vmlinux-6.18.btf";
  std::vector<std::string> env = {"BPFVERIFY_SYSFS_BTF=/nonexistent/vmlinux",
                                  "BPFVERIFY_NO_BUILD_BTF=1", "XDG_CACHE_HOME=" + cache};
  for (int round = 0; round < 2; ++round) { // decompress, then reuse the cached copy
    INFO("round " << round);
    Run r = bpfverify({"--format", "json", prog("example_xdp_parser")}, env);
    REQUIRE(r.status == 0);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["target"]["origin"] == "shipped");
    CHECK(doc["target"]["btf"] == cached);
    // The release the shipped BTF was taken from (testdata/btf/vmlinux-6.18.btf.kernel-release).
    CHECK(doc["target"]["kernel_release"].get<std::string>().starts_with("6.18"));
    CHECK(slurp(cached) == slurp(BPFVERIFY_SHIPPED_BTF));
  }
  unlink(cached.c_str());
  rmdir((cache + "/bpfverify").c_str());
  rmdir(cache.c_str());
}
