using OpenVerify.Cli;

return await Cli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
