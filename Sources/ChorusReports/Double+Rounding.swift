extension Double {
    /// The value rounded half away from zero to `places` decimals (non-finite values unchanged):
    /// what reports print, so the same figure reads the same everywhere.
    func rounded(toPlaces places: Int) -> Double {
        guard isFinite else { return self }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
