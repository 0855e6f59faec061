/// The HTML report's one inline style sheet (no web fonts: the system's sans-serif).
extension HTMLReporter {
    static let styleSheet = """

        :root { color-scheme: light; --ink: #1d2733; --muted: #66727f; --line: #dde3ea; --bad: #c62828; --good: #2e7d32; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif; color: var(--ink); background: #f5f7fa; }
        header, nav, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 20px; }
        h1 { font-size: 24px; margin: 0 0 12px; }
        h2 { font-size: 18px; margin: 0 0 12px; }
        h3 { font-size: 15px; margin: 18px 0 8px; }
        h4 { font-size: 13px; margin: 10px 0 4px; }
        small, .muted { color: var(--muted); font-weight: normal; }
        h2 small, h3 small { font-size: 13px; margin-left: 6px; }
        code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #eef1f5; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
        .verdict { padding: 12px 16px; border-radius: 6px; margin: 0 0 14px; font-size: 15px; border: 1px solid; }
        .verdict ul { margin: 6px 0 0; padding-left: 20px; font-size: 13px; }
        .verdict.pass { background: #e8f5e9; border-color: #a5d6a7; color: #1b5e20; }
        .verdict.fail { background: #ffebee; border-color: #ef9a9a; color: #8e1c1c; }
        .verdict.none { background: #eceff1; border-color: #cfd8dc; }
        dl.meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0 0 12px; }
        dl.meta div { min-width: 0; }
        dl.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        nav { position: sticky; top: 0; background: #f5f7fa; padding-top: 6px; padding-bottom: 6px; border-bottom: 1px solid var(--line); z-index: 1; }
        nav a { color: #1f4e8c; text-decoration: none; margin-right: 14px; font-size: 13px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; margin: 16px 0; }
        footer { color: var(--muted); font-size: 12px; padding-bottom: 32px; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; margin: 4px 0; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
        thead th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap; }
        tbody th { font-weight: 600; max-width: 320px; overflow-wrap: anywhere; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.status, table.rates tbody th { white-space: nowrap; }
        td.rule code { white-space: nowrap; overflow-wrap: normal; }
        td.text { overflow-wrap: anywhere; max-width: 760px; }
        td.chart { padding-top: 2px; padding-bottom: 2px; }
        td.chart svg, td .bar { vertical-align: middle; }
        .score { display: inline-block; width: 44px; font-variant-numeric: tabular-nums; }
        tr.bad > * { background: #fdecea; }
        tr.good > * { background: #edf7ee; }
        tr.average > * { background: #f7f9fb; font-style: italic; }
        .bad-text { color: var(--bad); font-weight: 600; }
        .good-text { color: var(--good); font-weight: 600; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 11px; line-height: 17px; background: #eceff1; color: #37474f; margin-right: 4px; white-space: nowrap; }
        .badge.bad { background: #ffcdd2; color: #8e1c1c; }
        .badge.good { background: #c8e6c9; color: #1b5e20; }
        .badge.warn { background: #ffe0b2; color: #8a4500; }
        .badge.info { background: #bbdefb; color: #0d3c78; }
        .badge.new { background: #7b1fa2; color: #fff; }
        .badge.act { background: #e8eaf6; color: #283593; font-family: ui-monospace, monospace; }
        .legend { font-size: 12px; color: var(--muted); }
        .legend .key { display: inline-block; width: 14px; height: 4px; margin: 0 5px 3px 12px; vertical-align: middle; }
        .legend .key.value { background: #1f4e8c; }
        .legend .key.baseline { background: #ef6c00; width: 3px; height: 12px; }
        svg.stacked { width: 100%; display: block; border-radius: 3px; }
        .outcome-legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 20px; }
        .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
        table.by-goal { width: 100%; }
        table.by-goal .wide { width: 60%; }
        svg.latency text { font-size: 12px; fill: var(--ink); }
        svg.latency text.value { font-size: 11px; fill: var(--muted); }
        svg.histogram { max-width: 100%; height: auto; }
        svg.histogram text { font-size: 11px; fill: var(--muted); }
        table.confusion th.vertical { vertical-align: bottom; padding: 4px 2px; }
        table.confusion th.vertical span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; max-height: 160px; overflow: hidden; text-overflow: ellipsis; display: inline-block; }
        table.confusion td.heat { min-width: 30px; text-align: center; font-size: 12px; border: 1px solid #fff; font-variant-numeric: tabular-nums; }
        table.confusion th.corner { font-size: 11px; color: var(--muted); vertical-align: bottom; }
        table.confusion td.total { color: var(--muted); }
        details { border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; padding: 0 12px; }
        details[open] { padding-bottom: 10px; }
        summary { cursor: pointer; padding: 8px 0; overflow-wrap: anywhere; }
        .rank { color: var(--muted); font-variant-numeric: tabular-nums; }
        .count { display: inline-block; min-width: 30px; padding: 0 6px; border-radius: 9px; background: #ffcdd2; color: #8e1c1c; text-align: center; font-weight: 600; }
        .outcome { font-weight: 600; }
        .outcome.completed { color: #2e7d32; } .outcome.handed_off { color: #1565c0; } .outcome.escalated { color: #00838f; } .outcome.abandoned { color: #ef6c00; }
        .outcome.max_turns { color: #8e24aa; } .outcome.failed { color: #c62828; } .outcome.error { color: #616161; }
        .signature, .replay { margin: 4px 0; overflow-wrap: anywhere; }
        .transcript { margin-top: 6px; }
        .transcript > p { margin: 0 0 4px; font-size: 12px; }
        .turn { margin: 0 0 8px; padding-left: 8px; border-left: 3px solid transparent; }
        .turn.first-wrong { border-left-color: var(--bad); }
        .turn .user, .turn .bot { padding: 5px 10px; border-radius: 8px; max-width: 90%; overflow-wrap: anywhere; white-space: pre-wrap; }
        .turn .user { background: #e3f2fd; margin-bottom: 3px; width: fit-content; }
        .turn .bot { background: #f1f3f5; margin-left: 32px; }
        .turn .bot.fallback { background: #fff3e0; }
        .turn .bot.error { background: #fdecea; }
        .turn .n { display: inline-block; min-width: 18px; color: var(--muted); font-size: 11px; }
        .who { font-size: 10px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-right: 8px; }
        .msg { display: block; }
        .msg + .msg { margin-top: 3px; }
        .facts { margin-top: 3px; font-size: 12px; white-space: normal; }
        .facts .intent { color: var(--muted); margin-right: 8px; }
        .facts .intent.wrong { color: var(--bad); }
        .funnels { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
        .funnel { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; min-width: 0; }
        .funnel h3 { margin: 0 0 4px; overflow-wrap: anywhere; }
        .funnel p { margin: 0 0 6px; }
        .hbar { display: grid; grid-template-columns: minmax(60px, 40%) 1fr 40px; gap: 8px; align-items: center; font-size: 12px; margin: 2px 0; }
        .hbar .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .hbar .track { background: #eceff1; height: 10px; border-radius: 2px; overflow: hidden; }
        .hbar .fill { display: block; height: 10px; background: #ef6c00; }
        .hbar .n { text-align: right; font-variant-numeric: tabular-nums; }
        .ab p { margin: 4px 0; }
        .tag { display: inline-block; width: 18px; height: 18px; border-radius: 50%; text-align: center; font-size: 11px; line-height: 18px; color: #fff; font-weight: 700; }
        .tag.a { background: #1565c0; } .tag.b { background: #7b1fa2; }
        table.pairs td.flip { font-weight: 700; background: #fff8e1; }
        .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
        .side { min-width: 0; border-top: 1px solid var(--line); }
        ul.signatures { padding-left: 18px; }
        p.more, li.more { color: var(--muted); font-style: italic; }
        @media (max-width: 800px) { .sides { grid-template-columns: 1fr; } }
        @media print { nav { display: none; } details { break-inside: avoid; } }

        """
}
