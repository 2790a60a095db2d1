# ark.gdb — gdb commands for debugging ark and its modules (loaded by tools/gdb/ark-debug, or by
# hand: gdb build/kernel/ark.elf -x tools/gdb/ark.gdb -ex 'target remote :1234').
#   ark-symbols [DIR...]   load the symbols of every loaded module at its real section addresses
#   ark-modules            list loaded modules and their sections, as the kernel records them
#   set ark-module-path D1:D2   where to find module files on the host (default: build/modules
#                          next to the kernel, and the current directory)
# Symbols are kept in step automatically: a hidden breakpoint on dkm_debug_changed(), which the
# kernel calls before a module's code first runs and after every unload, re-runs ark-symbols, so a
# breakpoint on a module function (e.g. `break hello_init`) is set as soon as the module loads.

set pagination off
set confirm off
set breakpoint pending on
set print pretty on

python
import os
import gdb


def _ark_str(value):
    try:
        return value.string() if int(value) != 0 else ""
    except gdb.error:
        return ""


def ark_kernel_modules():
    """The kernel's debugger list (kernel/include/dkm_kernel.h): [(name, path, [(sec, addr)])]."""
    out = []
    try:
        node = gdb.parse_and_eval("dkm_debug_modules")
    except gdb.error:
        raise gdb.GdbError("ark: the kernel has no dkm_debug_modules (symbols of ark.elf loaded?)")
    try:
        return ark_walk_modules(node, out)
    except gdb.MemoryError:
        raise gdb.GdbError("ark: cannot read the module list yet (paging not set up: let ark boot first)")


def ark_walk_modules(node, out):
    seen = 0
    while int(node) != 0 and seen < 4096:
        mod = node.dereference()
        sections = []
        count = int(mod["nsections"])
        table = mod["sections"]
        for i in range(min(count, 256) if int(table) != 0 else 0):
            sec = table[i]
            sections.append((_ark_str(sec["name"]), int(sec["addr"]), int(sec["size"])))
        out.append((_ark_str(mod["name"]), _ark_str(mod["path"]), sections))
        node = mod["next"]
        seen += 1
    return out


class ArkModulePath(gdb.Parameter):
    """Directories (colon-separated) searched for module files, after build/modules beside the kernel."""
    set_doc = "Set the directories where ark-symbols looks for module files."
    show_doc = "Show the directories where ark-symbols looks for module files."

    def __init__(self):
        super().__init__("ark-module-path", gdb.COMMAND_FILES, gdb.PARAM_STRING)
        self.value = ""

    def get_set_string(self):
        return ""

    def get_show_string(self, svalue):
        return "ark-symbols looks for modules in: " + (svalue or "(defaults only)")


ark_module_path = ArkModulePath()
# module name -> (host file, text address, sections) of the symbol files ark-symbols added
ark_loaded = {}


def ark_search_dirs(extra):
    dirs = list(extra)
    dirs += [d for d in (ark_module_path.value or "").split(":") if d]
    prog = gdb.current_progspace().filename
    if prog:
        kdir = os.path.dirname(os.path.abspath(prog))
        dirs.append(os.path.join(kdir, "..", "modules"))
    dirs += [os.path.join(os.getcwd(), "build", "modules"), os.getcwd()]
    return dirs


def ark_find_file(path, name, dirs):
    base = os.path.basename(path) if path else name + ".elf"
    for d in dirs:
        for cand in (base, name + ".elf", name + ".ko"):
            f = os.path.join(d, cand)
            if os.path.isfile(f):
                return os.path.abspath(f)
    return None


def ark_wanted_sections(modules):
    """Sections to give gdb for each module: what the kernel's list says, which is the truth (a
    module's init sections are listed only until they are freed). The result depends on that list
    alone, so running ark-symbols twice, or a stop that is reported twice, changes nothing. As a
    guard against a stale entry, a section whose range a later module occupies is left out."""
    wanted = {}
    for idx, (name, path, sections) in enumerate(modules):
        later = [(a, a + max(s, 1)) for _, _, secs in modules[idx + 1:] for _, a, s in secs]
        keep = []
        for sec, addr, size in sections:
            end = addr + max(size, 1)
            if any(a < end and addr < b for a, b in later):
                continue
            keep.append((sec, addr))
        wanted[name] = tuple(keep)
    return wanted


def ark_symbols(extra_dirs=(), verbose=True):
    dirs = ark_search_dirs(extra_dirs)
    modules = ark_kernel_modules()
    wanted = ark_wanted_sections(modules)
    paths = {name: path for name, path, _ in modules}
    # Drop symbol files of modules that went away or whose mapping changed.
    for name, (f, text, secs) in list(ark_loaded.items()):
        if wanted.get(name) != secs:
            try:
                gdb.execute("remove-symbol-file -a 0x%x" % text, to_string=True)
            except gdb.error:
                pass
            del ark_loaded[name]
    for name, secs in wanted.items():
        if name in ark_loaded or not secs:
            continue
        f = ark_find_file(paths[name], name, dirs)
        if not f:
            if verbose:
                gdb.write("ark-symbols: %s: no file for %s in %s (set ark-module-path)\n"
                          % (name, paths[name] or name, ":".join(dirs)))
            continue
        text = next((a for s, a in secs if s == ".text"), secs[0][1])
        args = ["0x%x" % text] + ["-s %s 0x%x" % (s, a) for s, a in secs if s != ".text" and s]
        gdb.execute("add-symbol-file %s %s" % (f, " ".join(args)), to_string=True)
        ark_loaded[name] = (f, text, secs)
        if verbose:
            gdb.write("ark-symbols: %s: %s at .text 0x%x\n" % (name, f, text))


class ArkSymbols(gdb.Command):
    """Load the symbols of every loaded ark module: ark-symbols [DIR...]
Reads the kernel's module list (dkm_debug_modules) and runs add-symbol-file for each module file,
found in DIR..., in ark-module-path, or in build/modules, at its real section addresses."""

    def __init__(self):
        super().__init__("ark-symbols", gdb.COMMAND_FILES, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        ark_symbols(gdb.string_to_argv(arg))


class ArkModules(gdb.Command):
    """List the modules loaded in ark, with the address of each section: ark-modules"""

    def __init__(self):
        super().__init__("ark-modules", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for name, path, sections in ark_kernel_modules():
            gdb.write("%s (%s)\n" % (name, path))
            for sec, addr, size in sections:
                gdb.write("    %-20s 0x%08x %6u\n" % (sec, addr, size))


class ArkModuleChanged(gdb.Breakpoint):
    """Hidden breakpoint: keeps module symbols in step with the kernel, then lets ark run on.
    The work is done by the breakpoint's commands, after gdb has finished handling the stop, and
    not in a stop() method: adding and removing symbol files re-sets every breakpoint, this one
    included, which gdb forbids inside stop(); done there, gdb at times lost this breakpoint and
    missed every later module change (a breakpoint on the next module's code never hit)."""

    def __init__(self):
        super().__init__("dkm_debug_changed", internal=True)
        self.silent = True
        self.commands = "silent\nark-symbols-changed\ncontinue"


class ArkSymbolsChanged(gdb.Command):
    """Used by the hidden breakpoint: ark-symbols, reporting an error instead of failing (a failed
command would stop the breakpoint's commands before they let ark run on)."""

    def __init__(self):
        super().__init__("ark-symbols-changed", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        try:
            ark_symbols(verbose=True)
        except gdb.GdbError as e:
            gdb.write("%s\n" % e)


ArkSymbols()
ArkSymbolsChanged()
ArkModules()
try:
    gdb.parse_and_eval("dkm_debug_changed")
    ArkModuleChanged()
except gdb.error:
    gdb.write("ark.gdb: no dkm_debug_changed in the kernel: run ark-symbols by hand after loads\n")
end
