using Ava.Cli;

return args.Length == 0 ? Help(Console.Error, 2) : args[0] switch
{
    "worker" => WorkerCommand.Run(args[1..]),
    "run" => RunCommand.Run(args[1..]),
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
              run an unmodified program with our drop-in libraries preloaded; each API it uses gets a private
              worker process that calls the real library (LD_PRELOAD of artifacts/lib/*.so*)
          ava worker --api NAME --fd N [--lib PATH]
              serve one guest connected on socket fd N (started by the guest library itself)
          ava bench [transport] [workloads] [--quick] [--filter GLOB] [--no-history]
              BenchmarkDotNet transport suite (native, shm, unix beside the C floors) and the OpenCL workloads
              (native vs remoted); appends the ratios to bench/results/history.jsonl (needs the .NET SDK)
          ava dashboard [--history FILE] [--out DIR] [--threshold 0.10]
              render the performance dashboard (artifacts/dashboard/index.html) from the history file

        environment:
          AVA_LOG=1|FILE       diagnostics from guest libraries and workers (silent otherwise)
          AVA_WORKER=PATH      the ava command a guest library starts (default: ../bin/ava beside the library)
          AVA_REAL_<API>=PATH  the real library a worker loads (default: the spec's list)
          AVA_MAX_CALL_BYTES   most bytes one call may make a worker hold (default 8 GiB)
        """);
    return code;
}
