/*
 * The libFuzzer side of a SharpFuzz target (tests/Fuzz/Ava.Fuzz.Targets): libFuzzer makes the inputs, the .NET
 * process runs them. Same protocol as SharpFuzz's own driver (libfuzzer-dotnet), which SharpFuzz.Fuzzer.LibFuzzer.Run
 * speaks:
 *
 *   one System V shared memory segment: [0, MAP_SIZE) the coverage map the instrumented assemblies write (each branch
 *   edge bumps a byte), [MAP_SIZE, MAP_SIZE + DATA_SIZE) the input; its id in __LIBFUZZER_SHM_ID
 *   fd 198 (__LIBFUZZER_CONTROL_PIPE_ID): driver -> target, an i32 input length per run
 *   fd 199 (__LIBFUZZER_STATUS_PIPE_ID): target -> driver, an i32 0 once ready, then an i32 status per run (0: no fault)
 *
 * After each run the map is copied into an array in the __libfuzzer_extra_counters section: libFuzzer reads those
 * counters as coverage features, so the .NET code's coverage steers it (the "ft:" figure grows; "cov:" counts only this
 * driver's own edges). A fault status becomes a trap, so libFuzzer saves the input as a crash; a target process that
 * dies (a signal in the worker's code) is reported as such, with the input that killed it.
 *
 * Usage: libfuzzer-dotnet --target_path=PROGRAM [--target_arg=ARG] [libFuzzer flags] [CORPUS...]
 * Built by tests/Fuzz/run.sh with clang-14 -fsanitize=fuzzer.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAP_SIZE (1 << 16)
#define DATA_SIZE (1 << 20)
#define CONTROL_FD 198
#define STATUS_FD 199

__attribute__((used, section("__libfuzzer_extra_counters"))) uint8_t extra_counters[MAP_SIZE];

static int control_fd = -1;
static int status_fd = -1;
static int shm_id = -1;
static uint8_t *shared;
static pid_t child;

static void die(const char *what)
{
    fprintf(stderr, "libfuzzer-dotnet: %s%s%s\n", what, errno ? ": " : "", errno ? strerror(errno) : "");
    exit(1);
}

static void remove_shared(void)
{
    if (shm_id >= 0)
    {
        shmctl(shm_id, IPC_RMID, NULL);
    }

    if (child > 0)
    {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
}

static const char *flag(int argc, char **argv, const char *name)
{
    size_t length = strlen(name);
    for (int i = 1; i < argc; i++)
    {
        if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=')
        {
            return argv[i] + length + 1;
        }
    }

    return NULL;
}

static int read_status(int32_t *status)
{
    ssize_t got;
    while ((got = read(status_fd, status, sizeof *status)) == -1 && errno == EINTR)
    {
    }

    return got == (ssize_t)sizeof *status;
}

/* The target died (no status came): say how, so a signal in the worker's code is told from an exit. */
static void report_death(void)
{
    int how = 0;
    if (waitpid(child, &how, 0) == child)
    {
        if (WIFSIGNALED(how))
        {
            fprintf(stderr, "libfuzzer-dotnet: the target was killed by signal %d\n", WTERMSIG(how));
        }
        else
        {
            fprintf(stderr, "libfuzzer-dotnet: the target exited with status %d\n", WEXITSTATUS(how));
        }
    }

    child = 0;
    __builtin_trap();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = flag(*argc, *argv, "--target_path");
    const char *arg = flag(*argc, *argv, "--target_arg");
    if (path == NULL)
    {
        errno = 0;
        die("--target_path=PROGRAM is required");
    }

    int control[2];
    int status[2];
    if (pipe(control) != 0 || pipe(status) != 0)
    {
        die("pipe");
    }

    shm_id = shmget(IPC_PRIVATE, MAP_SIZE + DATA_SIZE, IPC_CREAT | IPC_EXCL | 0600);
    if (shm_id < 0)
    {
        die("shmget");
    }

    atexit(remove_shared);
    shared = shmat(shm_id, NULL, 0);
    if (shared == (void *)-1)
    {
        die("shmat");
    }

    child = fork();
    if (child < 0)
    {
        die("fork");
    }

    if (child == 0)
    {
        char id[16];
        snprintf(id, sizeof id, "%d", shm_id);
        if (dup2(control[0], CONTROL_FD) < 0 || dup2(status[1], STATUS_FD) < 0)
        {
            die("dup2");
        }

        close(control[0]);
        close(control[1]);
        close(status[0]);
        close(status[1]);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execl(path, path, arg, (char *)NULL);
        die("exec of the target");
    }

    close(control[0]);
    close(status[1]);
    control_fd = control[1];
    status_fd = status[0];
    signal(SIGPIPE, SIG_IGN);

    int32_t ready;
    if (!read_status(&ready))
    {
        errno = 0;
        fprintf(stderr, "libfuzzer-dotnet: the target did not start\n");
        report_death();
    }

    /* Both sides are attached: the segment goes when the last of them detaches, even if this process ends by a trap. */
    shmctl(shm_id, IPC_RMID, NULL);
    shm_id = -1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > DATA_SIZE)
    {
        /* Too long for the shared input area: libFuzzer's -max_len keeps inputs below this. */
        return 0;
    }

    memset(shared, 0, MAP_SIZE);
    memcpy(shared + MAP_SIZE, data, size);
    int32_t length = (int32_t)size;
    ssize_t put;
    while ((put = write(control_fd, &length, sizeof length)) == -1 && errno == EINTR)
    {
    }

    int32_t status = 0;
    if (put != (ssize_t)sizeof length || !read_status(&status))
    {
        report_death();
    }

    memcpy(extra_counters, shared, MAP_SIZE);
    if (status != 0)
    {
        fprintf(stderr, "libfuzzer-dotnet: the target reported a fault (its stderr has the exception)\n");
        __builtin_trap();
    }

    return 0;
}
