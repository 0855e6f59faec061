import ChorusModel
import ChorusReferenceBot
import ChorusSpec
import Testing

@Suite("Entity extraction")
struct EntityExtractionTests {
    @Test("order numbers with and without a dash")
    func orderID() throws {
        let bot = try BotFixtures.bot("acme-v1")
        #expect(
            bot.extractEntities(from: "where is order AB-123456?") == [
                Entity(name: "order_id", value: "AB-123456")
            ])
        #expect(bot.extractEntities(from: "it's xy987654") == [Entity(name: "order_id", value: "xy987654")])
        // Not part of a longer code or number.
        #expect(bot.extractEntities(from: "ABC-1234567").isEmpty)
    }

    @Test("a synonym maps to the canonical value, longest match first, whole words only")
    func productValues() throws {
        let bot = try BotFixtures.bot("acme-v1")
        #expect(
            bot.extractEntities(from: "My EARBUDS broke") == [Entity(name: "product", value: "headphones")])
        #expect(bot.extractEntities(from: "the mobile phone") == [Entity(name: "product", value: "phone")])
        // "phone" inside "headphones" is not a phone.
        #expect(bot.extractEntities(from: "the headphones") == [Entity(name: "product", value: "headphones")])
        #expect(bot.extractEntities(from: "my phones and laptops").isEmpty)
    }

    @Test("several entities in one message, in text order")
    func several() throws {
        let bot = try BotFixtures.bot("acme-v1")
        let entities = bot.extractEntities(from: "Return the Laptop from AB-123456, tomorrow at 3pm")
        #expect(
            Set(entities) == [
                Entity(name: "date", value: "tomorrow"), Entity(name: "product", value: "laptop"),
                Entity(name: "order_id", value: "AB-123456"), Entity(name: "time", value: "3pm"),
            ])
        // Listed values come first in text order, then pattern matches.
        #expect(entities.map(\.name) == ["product", "date", "order_id", "time"])
    }

    @Test("Spanish values match without accents and keep their canonical spelling")
    func spanishAccents() throws {
        let bot = try BotFixtures.bot("acme-es")
        #expect(
            bot.extractEntities(from: "quiero devolver el PORTATIL") == [
                Entity(name: "product", value: "portátil")
            ])
        #expect(bot.extractEntities(from: "el raton") == [Entity(name: "product", value: "ratón")])
        #expect(bot.extractEntities(from: "el sabado") == [Entity(name: "date", value: "sábado")])
        #expect(
            bot.extractEntities(from: "el ordenador portátil") == [Entity(name: "product", value: "portátil")])
    }

    @Test("the Spanish time pattern takes times, not order numbers")
    func spanishTime() throws {
        let bot = try BotFixtures.bot("acme-es")
        #expect(bot.extractEntities(from: "a las 10") == [Entity(name: "time", value: "10")])
        #expect(bot.extractEntities(from: "mejor a las 16:30") == [Entity(name: "time", value: "16:30")])
        #expect(bot.extractEntities(from: "sobre las 17h").contains(Entity(name: "time", value: "17h")))
        #expect(bot.extractEntities(from: "es el AB-123456") == [Entity(name: "order_id", value: "AB-123456")])
        #expect(bot.extractEntities(from: "pedido 123456").isEmpty)
    }

    @Test("Chinese values match without word boundaries; order numbers next to Han characters")
    func chinese() throws {
        let bot = try BotFixtures.bot("acme-zh")
        #expect(bot.extractEntities(from: "我的蓝牙耳机坏了") == [Entity(name: "product", value: "耳机")])
        #expect(bot.extractEntities(from: "订单AB123456到哪了") == [Entity(name: "order_id", value: "AB123456")])
        #expect(bot.extractEntities(from: "我要退笔记本电脑") == [Entity(name: "product", value: "笔记本电脑")])
    }
}
