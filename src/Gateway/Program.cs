using Hulpvraag.Gateway.Cli;

return await GatewayCli.RunAsync(args);
