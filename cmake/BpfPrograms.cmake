# Compiling BPF C test programs with clang-19, against a vmlinux.h made from the shipped BTF.

find_program(BPF_CLANG NAMES clang-19 PATHS /usr/lib/llvm-19/bin NO_DEFAULT_PATH)
find_program(BPF_CLANG NAMES clang-19)
find_program(BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin)
find_program(XZ NAMES xz)

set(BPFVERIFY_SHIPPED_BTF_XZ ${PROJECT_SOURCE_DIR}/testdata/btf/vmlinux-6.18.btf.xz)
set(BPFVERIFY_SHIPPED_BTF ${PROJECT_BINARY_DIR}/testdata/vmlinux-6.18.btf)
set(BPFVERIFY_VMLINUX_H_DIR ${PROJECT_BINARY_DIR}/testdata/include)

# The shipped vmlinux BTF, decompressed into the build tree.
add_custom_command(
  OUTPUT ${BPFVERIFY_SHIPPED_BTF}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/testdata
  COMMAND ${XZ} -dc ${BPFVERIFY_SHIPPED_BTF_XZ} > ${BPFVERIFY_SHIPPED_BTF}
  DEPENDS ${BPFVERIFY_SHIPPED_BTF_XZ}
  COMMENT "Decompressing the shipped vmlinux BTF")

# vmlinux.h from the same BTF, so test programs compile identically on every machine.
add_custom_command(
  OUTPUT ${BPFVERIFY_VMLINUX_H_DIR}/vmlinux.h
  COMMAND ${CMAKE_COMMAND} -E make_directory ${BPFVERIFY_VMLINUX_H_DIR}
  COMMAND ${BPFTOOL} btf dump file ${BPFVERIFY_SHIPPED_BTF} format c > ${BPFVERIFY_VMLINUX_H_DIR}/vmlinux.h
  DEPENDS ${BPFVERIFY_SHIPPED_BTF}
  COMMENT "Generating vmlinux.h from the shipped BTF")
add_custom_target(bpfverify_shipped_btf DEPENDS ${BPFVERIFY_SHIPPED_BTF}
                                                ${BPFVERIFY_VMLINUX_H_DIR}/vmlinux.h)

# bpfverify_bpf_objects(TARGET <name> OUTDIR <dir> SOURCES <file.bpf.c>...)
# Compiles each source to <dir>/<file>.bpf.o with -g (BTF and .BTF.ext) and -O2.
function(bpfverify_bpf_objects)
  cmake_parse_arguments(ARG "" "TARGET;OUTDIR" "SOURCES;FLAGS" ${ARGN})
  set(outputs)
  foreach(src ${ARG_SOURCES})
    get_filename_component(base ${src} NAME)
    string(REGEX REPLACE "\\.c$" ".o" obj ${base})
    set(out ${ARG_OUTDIR}/${obj})
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ARG_OUTDIR}
      # The prefix maps keep file names in .BTF/.BTF.ext independent of where the tree lives,
      # so string offsets match the recorded libbpf goldens on every clone.
      COMMAND ${BPF_CLANG} -target bpf -O2 -g -mcpu=v3 -D__TARGET_ARCH_x86
              -ffile-prefix-map=${PROJECT_SOURCE_DIR}/= -ffile-prefix-map=${PROJECT_BINARY_DIR}/=build/
              -I${BPFVERIFY_VMLINUX_H_DIR} -I${PROJECT_SOURCE_DIR}/testdata/include
              ${ARG_FLAGS} -c ${src} -o ${out}
      DEPENDS ${src} ${BPFVERIFY_VMLINUX_H_DIR}/vmlinux.h
      IMPLICIT_DEPENDS C ${src}
      COMMENT "BPF ${base}")
    list(APPEND outputs ${out})
  endforeach()
  add_custom_target(${ARG_TARGET} ALL DEPENDS ${outputs} bpfverify_shipped_btf)
endfunction()
