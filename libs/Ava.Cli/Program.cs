using Ava.Cli;

return args.Length == 0 ? Help(Console.Error, 2) : args[0] switch
{
    "worker" => WorkerCommand.Run(args[1..]),
    "run" => RunCommand.Run(args[1..]),
    "manager" => ManagerCommand.Run(args[1..]),
    "status" => StatusCommand.Run(args[1..]),
    "dashboard" => DashboardCli.Run(args[1..]),
    "bench" => BenchCli.Run(args[1..]),
    "--help" or "-h" or "help" => Help(Console.Out, 0),
    _ => Help(Console.Error, 2),
};

static int Help(TextWriter w, int code)
{
    w.WriteLine("""
        ava: accelerator virtualization by API remoting

        usage:
          ava run [--channel LOCAL|SHM|UNIX] [--api NAME]... -- CMD ARGS...
              run an unmodified program with the real APIs' drop-in libraries preloaded (--api: only those named) and
              every dlopen of a vendor library redirected to them (LD_AUDIT); each API it uses gets a private worker
              process that calls the real library; signals, stops and exit status pass through as if run directly
          ava worker --api NAME --fd N [--lib PATH]
              serve one guest connected on socket fd N (started by the guest library itself)
          ava manager --listen ADDR [--listen ADDR]... [--policy FILE] [--pool N] [--token-file FILE]
              the manager daemon: admits guests (AVA_MANAGER_ADDR=ADDR: a socket path, host:port or vsock:CID:PORT) that
              present its token, starts one worker per guest or hands out a pre-started one (AVA_WPOOL=TRUE),
              forwards TCP/VSOCK channels, applies the policy file's rates and quotas, reaps workers when guests leave
          ava status [--json] [--manager ADDR]
              live tenants, their workers, calls, bytes moved, handles and device memory held, from the manager
          ava bench [transport] [opencl] [workloads] [--quick] [--workload-scale S] [--filter GLOB]... [--no-history] [--history FILE]
              BenchmarkDotNet transport suite (native, shm, unix beside the C floors), the hottest OpenCL calls
              (system library vs our drop-in) and the OpenCL workloads (native vs remoted); appends the ratios
              to bench/results/history.jsonl or FILE (needs the .NET SDK)
          ava dashboard [--history FILE] [--out DIR] [--threshold 0.10] [--readme FILE]
              render the performance dashboard (artifacts/dashboard/index.html) from the history file;
              --readme also rewrites FILE's headline figures from the latest run

        environment:
          AVA_LOG=1|FILE       diagnostics from guest libraries and workers (silent otherwise)
          AVA_WORKER=PATH      the ava command a guest library starts (default: ../bin/ava beside the library)
          AVA_REAL_<API>=PATH  the real library a worker loads (default: the spec's list)
          AVA_MAX_CALL_BYTES   most bytes one call may make a worker hold (default 8 GiB)
          AVA_MANAGER_ADDR     guests: ask the manager there for a worker instead of starting one
          AVA_TOKEN            the manager's shared token (default: the 0600 file beside its socket, ADDR.token)
          AVA_WPOOL=TRUE       manager: keep --pool N pre-started workers per API
          AVA_LZ4=auto|on|off  TCP channels: LZ4-compress large frames when it pays (auto)
          AVA_QUOTA_DEVICE_MEMORY=BYTES  private workers: the tenant's device memory quota (managed: the policy)
          AVA_SYNC_CALLS=1     every call waits for its own status (debugging; async calls are exact anyway)
          AVA_CROSS_MEMORY=0   OpenCL: large buffer transfers through the rings, never copied across processes
        """);
    return code;
}
