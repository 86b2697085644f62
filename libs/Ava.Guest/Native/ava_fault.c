/* A bad pointer an application hands a drop-in must end the application as the vendor library's access would:
 * by SIGSEGV (or SIGBUS). In a drop-in the access is ours, made by managed code, and NativeAOT's own handler turns
 * a fault far from NULL into a fatal error (abort, exit 134, a runtime report on stderr). This handler goes in front
 * of the runtime's: a fault whose instruction lies in this library's code takes the signal's default action, as a
 * fault in the vendor library would; a fault near NULL still goes to the runtime, whose NullReferenceException the
 * stub turns into SIGSEGV after logging it; every other fault goes on to whoever handled it before us. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

/* Faults below this address reach the runtime, which reports them as NullReferenceException. */
#define NEAR_NULL 4096u

static struct sigaction previous_segv;
static struct sigaction previous_bus;
static uintptr_t code_start;
static uintptr_t code_end;

struct search {
    uintptr_t base;
    uintptr_t start;
    uintptr_t end;
};

static int find_code(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct search *search = data;
    if (info->dlpi_addr != search->base) {
        return 0;
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type == PT_LOAD && (segment->p_flags & PF_X)) {
            uintptr_t start = info->dlpi_addr + segment->p_vaddr;
            uintptr_t end = start + segment->p_memsz;
            search->start = search->start == 0 || start < search->start ? start : search->start;
            search->end = end > search->end ? end : search->end;
        }
    }
    return 1;
}

static uintptr_t faulting_instruction(void *context)
{
    const ucontext_t *state = context;
#if defined(__x86_64__)
    return (uintptr_t)state->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uintptr_t)state->uc_mcontext.pc;
#else
    (void)state;
    return 0;
#endif
}

static void take_default_action(int signal_number)
{
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
    /* Returning runs the faulting instruction again, which now ends the process with the signal. */
}

static void on_fault(int signal_number, siginfo_t *info, void *context)
{
    const struct sigaction *previous = signal_number == SIGSEGV ? &previous_segv : &previous_bus;
    uintptr_t instruction = faulting_instruction(context);
    uintptr_t address = (uintptr_t)info->si_addr;
    if (instruction >= code_start && instruction < code_end && (signal_number == SIGBUS || address >= NEAR_NULL)) {
        take_default_action(signal_number);
        return;
    }
    if (previous->sa_flags & SA_SIGINFO) {
        previous->sa_sigaction(signal_number, info, context);
    } else if (previous->sa_handler == SIG_DFL || previous->sa_handler == SIG_IGN) {
        take_default_action(signal_number);
    } else {
        previous->sa_handler(signal_number);
    }
}

/* Installs the handler once the runtime has installed its own (the first call into the library does that):
 * returns 0, or -1 when this library's code cannot be found. */
int ava_fault_install(void)
{
    static int installed;
    if (installed) {
        return 0;
    }
    Dl_info self;
    if (dladdr((void *)&ava_fault_install, &self) == 0) {
        return -1;
    }
    struct search search = { (uintptr_t)self.dli_fbase, 0, 0 };
    dl_iterate_phdr(find_code, &search);
    if (search.start == 0) {
        return -1;
    }
    code_start = search.start;
    code_end = search.end;

    struct sigaction handler;
    memset(&handler, 0, sizeof handler);
    handler.sa_sigaction = on_fault;
    handler.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&handler.sa_mask);
    if (sigaction(SIGSEGV, &handler, &previous_segv) != 0 || sigaction(SIGBUS, &handler, &previous_bus) != 0) {
        return -1;
    }
    installed = 1;
    return 0;
}
