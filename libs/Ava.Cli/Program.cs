using Ava.Cli;

return AvaCommandLine.Invoke(args);
