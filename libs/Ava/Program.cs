using Ava;
using Ava.Cli;

// The shipped command: every real API this project remotes, and the benchmark and dashboard commands.
return AvaCommandLine.Invoke(args, new AvaHost
{
    Backends = [Ava.OpenCL.OpenCl.Backend, Ava.Cuda.Cuda.Backend, Ava.Mvnc.Mvnc.Backend, Ava.Qat.Qat.Backend, Ava.Fpga.AmorphOs.Backend, Ava.CudaRt.CudaRt.Backend, Ava.TfC.TfC.Backend, Ava.Gti.Gti.Backend],
    LoadedOnDemand = [Ava.Mvnc.Mvnc.Backend, Ava.TfC.TfC.Backend, Ava.Gti.Gti.Backend, Ava.Qat.Qat.Backend, Ava.Fpga.AmorphOs.Backend],
    OnRequest = [Ava.CudaRt.CudaRt.Backend],
    Commands = [BenchCli.Create, DashboardCli.Create],
});
