import ChorusCLI

/// The `chorus` executable: everything lives in the ChorusCLI library, so tests can call it.
@main
enum Chorus {
    static func main() async {
        await ChorusCommand.main(nil)
    }
}
