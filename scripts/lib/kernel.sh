# shellcheck shell=bash
# Linux 6.12 from Debian's linux-source-6.12, built and booted with Debian's
# toolchain (facts in ../shared/reference/kernel-build.md).  Source it after
# examples.sh; it only defines functions.
#
#   rih_kernel_tree WORK        prints the patched tree's path, extracting
#                               the tarball and applying
#                               scripts/kbuild/patches/*.patch when the
#                               tarball or a patch changed
#   rih_kernel_configure SRC BUILD ARCH CONFIG off|on
#                               tinyconfig + our fragments into BUILD/.config
#                               (left alone when already equal); CONFIG is
#                               minimal, hardened, lto (hardened with
#                               Clang ThinLTO) or rust-all
#   rih_kernel_make SRC BUILD ARCH off|on|always MAKE-ARGS...
#                               make with every tool pinned; always: rustc
#                               through scripts/kbuild/rustc-linux-7.1-way
#                               (inputs in BUILD/linux-7.1-way)
#   rih_kernel_env BUILD CMD...  CMD with the environment kernel commands of
#                               BUILD run in
#   rih_kernel_time_rust BUILD  runs the saved commands of BUILD's
#                               rust/kernel.o and samples/rust/*.o again,
#                               one after the other; prints the wall seconds
#   rih_kernel_boot BUILD ARCH CONFIG TIMEOUT
#                               boots BUILD's kernel in qemu with a busybox
#                               initramfs that loads every .ko; the serial
#                               console goes to stdout; fails on timeout

RIH_KERNEL_TARBALL=${RIH_KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
RIH_KBUILD=$(cd "$(dirname "${BASH_SOURCE[0]}")/../kbuild" && pwd)

rih_kernel_tree() {
  local work=$1 key dir tmp p
  key=$( { stat -c '%s %Y' "$RIH_KERNEL_TARBALL"; cat "$RIH_KBUILD"/patches/*.patch; } | sha256sum | cut -c1-12)
  dir=$work/linux-6.12-$key
  if [[ -f $dir/.rih-ready ]]; then
    echo "$dir"
    return 0
  fi
  echo "kernel-e2e: extracting $RIH_KERNEL_TARBALL and applying $(ls "$RIH_KBUILD"/patches/*.patch | wc -l) patch(es)" >&2
  rm -rf "$work"/linux-6.12-* "$work"/*-off "$work"/*-on "$work"/*-always
  tmp=$work/.extract
  rm -rf "$tmp"
  mkdir -p "$tmp"
  tar -xf "$RIH_KERNEL_TARBALL" -C "$tmp" || { echo "error: cannot extract $RIH_KERNEL_TARBALL" >&2; return 1; }
  for p in "$RIH_KBUILD"/patches/*.patch; do
    patch -d "$tmp"/linux-source-6.12 -p1 -s -N <"$p" >&2 ||
      { echo "error: $p does not apply to $RIH_KERNEL_TARBALL" >&2; return 1; }
  done
  mv "$tmp"/linux-source-6.12 "$dir"
  rm -rf "$tmp"
  touch "$dir/.rih-ready"
  echo "$dir"
}

# The kernel's make with every tool named (Kconfig probes them: without
# RUSTC on a config step CONFIG_RUST silently disappears), a PATH without
# rustup, and the bindgen wrapper for Debian's bindgen 0.60.1.  The LLVM and
# rustc are toolchain.sh's: LLVM=-22 with /usr/bin/rustc (1.96), or, with
# RIH_LLVM_MAJOR=19, LLVM=-19 with build-llvm19/bin/rustc (1.85).
rih_kernel_make() {
  local src=$1 build=$2 arch=$3 variant=$4 rustc=$RUSTC
  local -a extra=()
  shift 4
  [[ $arch == arm64 ]] && extra+=(ARCH=arm64)
  [[ $arch == riscv64 ]] && extra+=(ARCH=riscv)
  [[ $variant == on ]] && extra+=("RUST_INLINE_HELPERS_PLUGIN=$PLUGIN")
  # The comparison build may leave a module with a symbol vmlinux does not
  # export (a helper's internalized copy calling a non-exported function):
  # modpost warns instead of stopping, and the module then fails to load.
  [[ $variant == always ]] && rustc=$RIH_KBUILD/rustc-linux-7.1-way && extra+=(KBUILD_MODPOST_WARN=1)
  rih_kernel_env "$build" make -C "$src" O="$build" LLVM=-"$RIH_LLVM_MAJOR" \
    RUSTC="$rustc" HOSTRUSTC="$RUSTC" RUSTDOC="$(dirname "$RUSTC")/rustdoc" \
    BINDGEN="$RIH_KBUILD/bindgen-wrapper" "${extra[@]}" "$@"
}

# Runs a command for BUILD: a PATH without rustup, and what
# scripts/kbuild/rustc-linux-7.1-way reads (used when BUILD is an "always"
# build, harmless otherwise).
rih_kernel_env() {
  local build=$1
  shift
  env PATH="$LLVM_BINDIR:/usr/sbin:/usr/bin:/sbin:/bin" \
    RIH_7_1_RUSTC="$RUSTC" RIH_7_1_DIR="$build/linux-7.1-way" RIH_7_1_LLVM_BINDIR="$LLVM_BINDIR" "$@"
}

rih_kernel_time_rust() {
  local build=$1 cmd f t0 t1
  t0=${EPOCHREALTIME/[.,]/}
  for f in "$build"/rust/.kernel.o.cmd "$build"/samples/rust/.*.o.cmd; do
    [[ -f $f ]] || continue
    cmd=$(sed -n '1s/^savedcmd_[^ ]* := //p' "$f")
    [[ -n $cmd ]] || continue
    (cd "$build" && RUSTC_BOOTSTRAP=1 rih_kernel_env "$build" sh -c "$cmd") >/dev/null 2>&1 ||
      { echo "error: $f's command failed" >&2; return 1; }
  done
  t1=${EPOCHREALTIME/[.,]/}
  awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f\n", d / 1e6 }'
}

rih_kernel_configure() {
  local src=$1 build=$2 arch=$3 config=$4 variant=$5 scratch frag opt
  scratch=$build.config-tmp
  rm -rf "$scratch"
  mkdir -p "$scratch" "$build"
  frag=$scratch/fragment.config
  cat "$RIH_KBUILD/minimal.config" >"$frag"
  cat "$RIH_KBUILD/$arch.config" >>"$frag"
  [[ $config == hardened || $config == lto ]] &&
    cat "$RIH_KBUILD/hardened.config" "$RIH_KBUILD/hardened-$arch.config" >>"$frag"
  [[ $config == lto ]] && cat "$RIH_KBUILD/lto.config" >>"$frag"
  [[ $config == rust-all ]] && cat "$RIH_KBUILD/rust-all.config" >>"$frag"
  if [[ $variant == on ]]; then
    echo CONFIG_RUST_INLINE_HELPERS=y >>"$frag"
  else
    echo '# CONFIG_RUST_INLINE_HELPERS is not set' >>"$frag"
  fi
  rih_kernel_make "$src" "$scratch" "$arch" off tinyconfig >"$scratch/log" 2>&1 ||
    { cat "$scratch/log" >&2; echo "error: make tinyconfig failed" >&2; return 1; }
  (cd "$scratch" && "$src/scripts/kconfig/merge_config.sh" -m .config "$frag") >>"$scratch/log" 2>&1 ||
    { cat "$scratch/log" >&2; echo "error: merge_config.sh failed" >&2; return 1; }
  rih_kernel_make "$src" "$scratch" "$arch" off olddefconfig >>"$scratch/log" 2>&1 ||
    { cat "$scratch/log" >&2; echo "error: make olddefconfig failed" >&2; return 1; }
  # Every =y/=m line of the fragment must have survived olddefconfig.
  while read -r opt; do
    grep -qx "$opt" "$scratch/.config" || {
      echo "error: $opt did not survive olddefconfig ($arch $config $variant; see $scratch/log)" >&2
      return 1
    }
  done < <(grep -E '^CONFIG_[A-Z0-9_]+=[ym]$' "$frag")
  if ! cmp -s "$scratch/.config" "$build/.config"; then
    cp "$scratch/.config" "$build/.config"
  fi
  rm -rf "$scratch"
}

# An initramfs whose /init loads every module it carries, then reboots (qemu
# runs with -no-reboot, so it exits): busybox on x86_64; on arm64 and
# riscv64, where the host's busybox cannot run, scripts/kbuild/cross-init.c
# built by clang.
rih_kernel_initramfs() {
  local build=$1 arch=$2 root=$1/initramfs ko
  rm -rf "$root"
  mkdir -p "$root"/{bin,dev,proc,sys,lib/modules}
  while IFS= read -r -d '' ko; do cp "$ko" "$root/lib/modules/"; done < <(find "$build" -name '*.ko' -not -path "$root/*" -print0)
  if [[ $arch != x86_64 ]]; then
    "$CLANG" --target="${arch/arm64/aarch64}-linux-gnu" -O2 -static -nostdlib -ffreestanding \
      -fno-stack-protector -fuse-ld=lld -o "$root/init" "$RIH_KBUILD/cross-init.c" || return 1
    (cd "$root" && find . | cpio -o -H newc --quiet) >"$build/initramfs.cpio"
    return 0
  fi
  cp /bin/busybox "$root/bin/busybox"
  cat >"$root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
for m in /lib/modules/*.ko; do
  [ -f "$m" ] || continue
  /bin/busybox insmod "$m" || echo "E2E: insmod $m failed"
done
echo "E2E: init done"
/bin/busybox reboot -f
EOF
  chmod +x "$root/init"
  (cd "$root" && find . | cpio -o -H newc --quiet) >"$build/initramfs.cpio"
}

rih_kernel_boot() {
  local build=$1 arch=$2 config=$3 limit=$4 smp=1 cpu=cortex-a57
  # -cpu max has pointer authentication (the implementation-defined
  # algorithm: QARMA is slow under TCG) and BTI, so the hardened kernel runs
  # with both enforced.
  [[ $config == hardened ]] && smp=2 cpu=max,pauth-impdef=on
  rih_kernel_initramfs "$build" "$arch" || return 1
  case $arch in
    x86_64)
      timeout "$limit" qemu-system-x86_64 -m 256M -smp "$smp" -nographic -no-reboot \
        -kernel "$build/arch/x86/boot/bzImage" -initrd "$build/initramfs.cpio" \
        -append 'console=ttyS0 panic=-1'
      ;;
    arm64)
      timeout "$limit" qemu-system-aarch64 -M virt -cpu "$cpu" -m 256M -smp "$smp" \
        -nographic -no-reboot -kernel "$build/arch/arm64/boot/Image" \
        -initrd "$build/initramfs.cpio" -append 'console=ttyAMA0 panic=-1'
      ;;
    riscv64)
      # -bios default: qemu's OpenSBI (package opensbi).
      timeout "$limit" qemu-system-riscv64 -M virt -cpu rv64 -m 256M -smp "$smp" \
        -nographic -no-reboot -bios default -kernel "$build/arch/riscv/boot/Image" \
        -initrd "$build/initramfs.cpio" -append 'console=ttyS0 panic=-1'
      ;;
  esac
}
