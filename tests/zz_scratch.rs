use careerfit::core::{answers, load, report, scoring};
#[test]
fn search() {
    let src = careerfit::bundled::BUNDLED[0].2;
    let q60 = load::load(src.as_bytes()).unwrap();
    let q55 = load::load(src.replace("strong: 60.0", "strong: 55.0").as_bytes()).unwrap();
    let mut seed: u64 = 12345;
    let mut rnd = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let obj = |a: &[Option<usize>]| {
        let s = scoring::assess(&q60, a);
        if !s.flags.is_empty() {
            return -1000.0;
        }
        let f: Vec<f64> = s.fits.iter().map(|f| f.fit.unwrap()).collect();
        f[0].min(f[1])
    };
    for restart in 0..20 {
        let mut a: Vec<Option<usize>> = q60
            .questions
            .iter()
            .map(|q| Some(rnd(q.choices.len())))
            .collect();
        let mut best = obj(&a);
        for _ in 0..3000 {
            let i = rnd(a.len());
            let old = a[i];
            a[i] = Some(rnd(q60.questions[i].choices.len()));
            let v = obj(&a);
            if v >= best {
                best = v;
            } else {
                a[i] = old;
            }
        }
        let r1 = report::build(&q60, &a, None);
        let r2 = report::build(&q55, &a, None);
        println!(
            "{restart} {} {} {} {} {} {:?}",
            answers::to_spec(&a),
            best,
            r1.recommendation.outcome,
            r1.recommendation.confidence,
            r2.recommendation.outcome,
            r1.profiles.iter().map(|p| p.fit).collect::<Vec<_>>()
        );
    }
}
