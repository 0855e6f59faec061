extension LanguageProfile {
    /// What users of a language say for the dialogue acts outside a goal, when the suite's
    /// `dialogue:` section does not say. `{value}` is the slot value a deny or correction states.
    public struct Phrases: Sendable, Equatable {
        public var affirm: [String]
        public var deny: [String]
        public var correct: [String]
        public var escalate: [String]
        public var close: [String]
        public var also: [String]
        public var digressions: [String]
    }

    /// The default phrases of a language tag; English for unknown tags.
    public static func phrases(language: String) -> Phrases {
        switch language.split(separator: "-").first.map({ $0.lowercased() }) ?? "en" {
        case "es":
            Phrases(
                affirm: ["sí", "sí, por favor", "correcto", "eso es"],
                deny: ["no, es {value}", "no, es incorrecto: {value}", "no, {value}"],
                correct: ["perdón, quería decir {value}", "mejor {value}", "no, espera, {value}"],
                escalate: ["quiero hablar con una persona", "pásame con un agente", "¿puedo hablar con un humano?"],
                close: ["gracias, adiós", "eso es todo, gracias", "adiós"],
                also: ["además, ", "y otra cosa: ", "también, "],
                digressions: ["por cierto, ¿eres un robot?", "¿qué tiempo hace hoy?", "¿cómo estás?"])
        case "fr":
            Phrases(
                affirm: ["oui", "oui, merci", "c'est ça", "exact"],
                deny: ["non, c'est {value}", "non, c'est faux : {value}", "non, {value}"],
                correct: ["pardon, je voulais dire {value}", "plutôt {value}", "non attendez, {value}"],
                escalate: ["je veux parler à un conseiller", "passez-moi un humain", "je peux parler à quelqu'un ?"],
                close: ["merci, au revoir", "c'est tout, merci", "au revoir"],
                also: ["aussi, ", "et autre chose : ", "par ailleurs, "],
                digressions: ["au fait, tu es un robot ?", "quel temps fait-il aujourd'hui ?", "comment ça va ?"])
        case "fi":
            Phrases(
                affirm: ["kyllä", "joo, kiitos", "pitää paikkansa", "juuri niin"],
                deny: ["ei, se on {value}", "ei, väärin: {value}", "ei, {value}"],
                correct: ["anteeksi, tarkoitin {value}", "eikun {value}", "ei kun, {value}"],
                escalate: ["haluan puhua ihmisen kanssa", "yhdistä asiakaspalvelijalle", "voinko puhua ihmiselle?"],
                close: ["kiitos, hei hei", "siinä kaikki, kiitos", "moikka"],
                also: ["lisäksi, ", "ja toinen asia: ", "myös, "],
                digressions: ["oletko muuten robotti?", "millainen sää tänään on?", "mitä kuuluu?"])
        case "de":
            Phrases(
                affirm: ["ja", "ja, bitte", "genau", "stimmt"],
                deny: ["nein, es ist {value}", "nein, falsch: {value}", "nein, {value}"],
                correct: ["Entschuldigung, ich meinte {value}", "lieber {value}", "nein warte, {value}"],
                escalate: ["ich möchte mit einem Menschen sprechen", "verbinden Sie mich mit einem Mitarbeiter"],
                close: ["danke, tschüss", "das war's, danke", "auf Wiedersehen"],
                also: ["außerdem, ", "und noch etwas: "],
                digressions: ["bist du eigentlich ein Roboter?", "wie ist das Wetter heute?", "wie geht's?"])
        case "zh":
            Phrases(
                affirm: ["是的", "对", "没错", "好的"],
                deny: ["不对，是{value}", "不是，应该是{value}", "错了，是{value}"],
                correct: ["不好意思，我是说{value}", "改成{value}", "等一下，是{value}"],
                escalate: ["我要找人工客服", "转人工", "我想和真人说话"],
                close: ["谢谢，再见", "就这些，谢谢", "再见"],
                also: ["另外，", "还有，", "顺便，"],
                digressions: ["你是机器人吗？", "今天天气怎么样？", "你好吗？"])
        case "ja":
            Phrases(
                affirm: ["はい", "そうです", "お願いします"],
                deny: ["いいえ、{value}です", "違います、{value}です"],
                correct: ["すみません、{value}でした", "やっぱり{value}で"],
                escalate: ["オペレーターと話したい", "人間の担当者をお願いします"],
                close: ["ありがとう、さようなら", "以上です、ありがとう"],
                also: ["それと、", "あと、"],
                digressions: ["ところで、あなたはロボットですか？", "今日の天気は？"])
        default:
            Phrases(
                affirm: ["yes", "yes please", "that's right", "correct"],
                deny: ["no, it's {value}", "no, that's wrong, it's {value}", "no, {value}"],
                correct: ["sorry, I meant {value}", "actually, make that {value}", "wait, it's {value}"],
                escalate: ["can I talk to a human?", "I want to speak to a person", "get me a real agent please"],
                close: ["thanks, bye", "that's all, goodbye", "bye"],
                also: ["also, ", "oh, and ", "one more thing: "],
                digressions: ["by the way, are you a bot?", "what's the weather like today?", "how are you doing?"])
        }
    }
}
