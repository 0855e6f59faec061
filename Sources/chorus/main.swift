import ChorusCLI

await ChorusCommand.main()
