/* The call profiler's view of the application (AVA_PROFILE): which frame outside this library made a call, and a
 * name for that frame. backtrace() unwinds by the .eh_frame tables, which NativeAOT writes for managed code too, so
 * the walk crosses the stub's managed frames to the first return address in another module: the application's
 * call site (or the library that called us on its behalf, such as the CUDA runtime). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Frames to walk: this function, the stub and its export are the first few; the rest is room for wrappers. */
#define DEPTH 12

static uintptr_t self_start;
static uintptr_t self_end;

static int find_self(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    uintptr_t mine = (uintptr_t)&find_self;
    uintptr_t start = 0;
    uintptr_t end = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type == PT_LOAD) {
            uintptr_t from = info->dlpi_addr + segment->p_vaddr;
            uintptr_t to = from + segment->p_memsz;
            start = start == 0 || from < start ? from : start;
            end = to > end ? to : end;
        }
    }
    if (mine >= start && mine < end) {
        self_start = start;
        self_end = end;
        return 1;
    }
    return 0;
}

/* Finds this library's range and loads the unwinder (backtrace's first call does, with malloc and dlopen), so that
 * profiled calls do neither. Returns 0 when both worked. */
int ava_profile_init(void)
{
    void *frames[2];
    dl_iterate_phdr(find_self, NULL);
    return self_end != 0 && backtrace(frames, 2) > 0 ? 0 : -1;
}

/* The first return address outside this library on the calling thread's stack; 0 when the walk finds none. */
uintptr_t ava_profile_caller(void)
{
    void *frames[DEPTH];
    int count = backtrace(frames, DEPTH);
    for (int i = 1; i < count; i++) {
        uintptr_t address = (uintptr_t)frames[i];
        if (address < self_start || address >= self_end) {
            return address;
        }
    }
    return 0;
}

/* "module!symbol+0xOFFSET" for a return address (the call instruction is just before it); "module+0xOFFSET" where
 * the module exports no symbol there (an executable's own functions). */
void ava_profile_describe(uintptr_t address, char *text, int size)
{
    Dl_info info;
    memset(&info, 0, sizeof info);
    if (size <= 0) {
        return;
    }
    if (dladdr((void *)(address - 1), &info) == 0 || info.dli_fname == NULL) {
        snprintf(text, (size_t)size, "?+0x%lx", (unsigned long)address);
        return;
    }
    const char *module = strrchr(info.dli_fname, '/');
    module = module != NULL ? module + 1 : info.dli_fname;
    if (*module == '\0') {
        module = program_invocation_short_name;
    }
    if (info.dli_sname != NULL && info.dli_saddr != NULL) {
        snprintf(text, (size_t)size, "%s!%s+0x%lx", module, info.dli_sname, (unsigned long)(address - (uintptr_t)info.dli_saddr));
    } else {
        snprintf(text, (size_t)size, "%s+0x%lx", module, (unsigned long)(address - (uintptr_t)info.dli_fbase));
    }
}
