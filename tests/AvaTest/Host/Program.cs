using Ava.Cli;

// The tests' ava: the self-test API beside the real ones, so one worker host serves every test's guests.
return AvaCommandLine.Invoke(args, new AvaHost
{
    Backends = [Ava.AvaTest.AvaTestApi.Backend, Ava.OpenCL.OpenCl.Backend, Ava.Cuda.Cuda.Backend, Ava.Mvnc.Mvnc.Backend, Ava.Qat.Qat.Backend, Ava.Fpga.AmorphOs.Backend, Ava.CudaRt.CudaRt.Backend, Ava.TfC.TfC.Backend, Ava.Gti.Gti.Backend],
    LoadedOnDemand = [Ava.Mvnc.Mvnc.Backend, Ava.TfC.TfC.Backend, Ava.Gti.Gti.Backend, Ava.Qat.Qat.Backend, Ava.Fpga.AmorphOs.Backend],
    OnRequest = [Ava.CudaRt.CudaRt.Backend],
});
