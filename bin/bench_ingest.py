#!/usr/bin/env python3
"""Ingest benchmark (figures, not a test): ``make bench-ingest``.

1. Tilers. Generates a realistic 24-megapixel photo (JPEG, with camera EXIF) and a
   100-megapixel scan (uncompressed RGB TIFF), and times, each in a fresh process:
     - ours: Cofio's tiler (Pillow; one decode, then halving level by level);
     - libvips ``dzsave`` with the IIIF 3 layout (pyvips), the fastest known tiler;
     - ``iiif_static.py`` from the ``iiif`` package, the IIIF reference implementation.
   Ours and libvips: one untimed warm-up on a small picture, then the median of
   ``--runs`` timed runs (libvips' operation cache is switched off: with it on, a
   repeated run on the same file skips decoding, which no real ingest can do).
   iiif_static: one run of its command line. Peak memory is each process's own
   high-water mark (VmHWM); inputs are generated in other processes, so that no
   measured process inherits a big parent.
   iiif_static on the 100 MP scan takes minutes; it runs only with ``--all``.
2. End-to-end throughput: ``--photos`` (50) distinct photos through one real Celery
   worker (concurrency 1) on PostgreSQL and Redis (bin/services.py), from the moment
   they are queued until the last is ready: fixity, sniff, checks, metadata, one
   decode, sRGB, tiles, web copy, thumbnail, pHash, database.

    bin/bench_ingest.py [--runs 3] [--photos 50] [--all] [--skip-throughput]
    make bench-ingest BENCH_ARGS=--all

Generated inputs are kept in var/bench (about 700 MB) for the next run; ``make clean`` removes them.
"""
import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bin"))
VAR = Path(os.environ.get("COFIO_VAR_DIR", ROOT / "var"))
WORK = VAR / "bench"
PHOTO_SIZE = (6000, 4000)    # 24 megapixels, a 3:2 camera
SCAN_SIZE = (12240, 8160)    # 100 megapixels, an A4 page at about 1200 dpi


# --- inputs -------------------------------------------------------------------------


def make_photo(width: int, height: int, seed: int):
    """A photo-like picture: smooth shapes, mid-frequency texture and sensor grain (compresses like a photo)."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    shapes = rng.integers(0, 256, (height // 200 + 2, width // 200 + 2, 3), dtype=np.uint8)
    base = Image.fromarray(shapes).resize((width, height), Image.Resampling.BICUBIC)
    texture = Image.fromarray(rng.integers(0, 256, (height // 16, width // 16), dtype=np.uint8))
    texture = texture.resize((width, height), Image.Resampling.BILINEAR).convert("RGB")
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    return Image.blend(Image.blend(base, texture, 0.25), grain, 0.2)


def camera_exif(seed: int):
    """EXIF as a camera writes it: make, model, date taken."""
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "Canon", "Canon EOS 6D"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = f"2019:07:{1 + seed % 28:02d} 14:03:00"
    return exif


def write_photo(path: Path, size=PHOTO_SIZE, seed=1) -> Path:
    """A 24 MP camera JPEG (quality 92, 4:2:0, EXIF)."""
    if not path.exists():
        make_photo(*size, seed).save(path, "JPEG", quality=92, exif=camera_exif(seed))
    return path


def write_scan(path: Path) -> Path:
    """A 100 MP scan as an uncompressed RGB TIFF (what flatbed scanners write)."""
    if not path.exists():
        make_photo(*SCAN_SIZE, seed=2).save(path, "TIFF")
    return path


# --- one tiler, measured in its own process ----------------------------------------------


def _ours(source: Path, out: Path) -> None:
    from ingest.images import Limits, image_open, image_pages, page_decode
    from ingest.sniff import file_sniff
    from ingest.tiles import pyramid_write

    sniffed = file_sniff(source)
    limits = Limits(max_bytes=2**40)
    with image_open(source, sniffed, limits) as image:
        picture = page_decode(image, image_pages(image, sniffed, limits)[0][0])
        pyramid_write(picture, out, "/media/iiif/bench")


def _vips(source: Path, out: Path) -> None:
    import pyvips

    pyvips.cache_set_max(0)
    pyvips.Image.new_from_file(str(source)).dzsave(str(out), layout="iiif3", tile_size=512, overlap=0)


def measure(tool: str, source: Path, warmup: Path, runs: int) -> dict:
    """Time ``tool`` (in this process): a warm-up on ``warmup``, then ``runs`` timed runs on ``source``."""
    run = {"ours": _ours, "vips": _vips}[tool]
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        run(warmup, Path(scratch) / "warmup")
        seconds = []
        for n in range(runs):
            out = Path(scratch) / f"run{n}"
            started = time.perf_counter()
            run(source, out)
            seconds.append(time.perf_counter() - started)
            files = sum(1 for p in out.rglob("*") if p.is_file())
            shutil.rmtree(out)
    return {"seconds": seconds, "files": files, "peak_mb": peak_mb()}


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM, which unlike ru_maxrss is not inherited over fork/exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_in_child(tool: str, source: Path, warmup: Path, runs: int) -> dict:
    """Run ``measure`` in a fresh Python process (so each tool's peak memory is its own)."""
    output = subprocess.run([sys.executable, __file__, "--measure", tool, str(source), str(warmup), str(runs)],
                            check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_iiif_static(source: Path) -> dict:
    """One run of the reference implementation's command line, with its own peak memory."""
    script = Path(sys.executable).with_name("iiif_static.py")
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        argv = [str(script), "-q", "-d", scratch, "-t", "512", "-a", "3.0", "--max-image-pixels", "1000000000",
                str(source)]
        # Its own command line, run as __main__, then its own VmHWM reported on the last line.
        launcher = ("import runpy, sys; sys.path.insert(0, sys.argv[1]); import bench_ingest; sys.argv = sys.argv[2:]\n"
                    "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\nexcept SystemExit as e:\n"
                    "    assert not e.code, e.code\nprint(bench_ingest.peak_mb())")
        started = time.perf_counter()
        output = subprocess.run([sys.executable, "-c", launcher, str(ROOT / "bin"), *argv], check=True,
                                capture_output=True, text=True, cwd=scratch).stdout
        seconds = time.perf_counter() - started
        files = sum(1 for p in Path(scratch).rglob("*") if p.is_file())
    return {"seconds": [seconds], "files": files, "peak_mb": float(output.strip().splitlines()[-1])}


# --- end-to-end throughput ---------------------------------------------------------------


def throughput(photos: list[Path]) -> dict:
    """Queue ``photos`` as one batch and time one real worker (concurrency 1) until every item is processed."""
    import services

    services.ensure_system_packages()
    env = {**os.environ, **services.up(), "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "COFIO_TEST_RUN": "bench", "CELERY_VISIBILITY_TIMEOUT": "3600"}
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.files import File
    from django.db import connection

    from archive.models import Item, User
    from archive.services import Contribution, batch_create
    from ingest.celery import app

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    app.control.purge()
    db = settings.DATABASES["default"]
    worker_env = {**env, "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"
                                         f"{test_db}"}
    log = open(WORK / "worker.log", "wb")
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "ingest", "worker", "--concurrency=1",
                               "--loglevel=WARNING", "--without-gossip", "--without-mingle",
                               "--hostname=bench@%h", "--queues", settings.CELERY_TASK_DEFAULT_QUEUE],
                              cwd=ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        user = User.objects.create_user(username="bench", password="bench-only-password")
        contribution = Contribution(licence="http://creativecommons.org/licenses/by/4.0/", consent=True)

        def queue(paths):
            """Catalogue ``paths`` as one batch; their tasks are queued when it commits."""
            handles = [open(p, "rb") for p in paths]
            try:
                return batch_create(contributor=user, uploads=[File(h, name=Path(h.name).name) for h in handles],
                                    contribution=contribution)
            finally:
                for handle in handles:
                    handle.close()

        def wait(batch, timeout):
            """Until every item of ``batch`` is processed (ready or failed)."""
            deadline = time.monotonic() + timeout
            while Item.objects.filter(batch=batch, status__in=["received", "processing"]).exists():
                if worker.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the worker stopped or stalled; see {WORK / 'worker.log'}")
                time.sleep(0.05)

        wait(queue(photos[:1]), 300)  # warm-up: the worker's first task (imports, connections)
        started = time.perf_counter()
        batch = queue(photos[1:])  # the tasks are queued when this commits
        queued = time.perf_counter()
        wait(batch, 3600)
        elapsed = time.perf_counter() - queued
        items = Item.objects.filter(batch=batch)
        ready = items.filter(status="ready").count()
        per_photo = [s["seconds"] for item in items for e in item.audit_events.filter(action="processed")
                     for s in e.detail["steps"] if s["step"] == "derivatives"]
        return {"photos": len(photos) - 1, "ready": ready, "seconds": elapsed, "upload_seconds": queued - started,
                "per_minute": 60 * (len(photos) - 1) / elapsed,
                "median_decode_to_derivatives": statistics.median(per_photo) if per_photo else None}
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=60)
        log.close()
        connection.creation.destroy_test_db(test_db, verbosity=0)
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


# --- report ----------------------------------------------------------------------------


def report_tilers(label: str, source: Path, warmup: Path, runs: int, with_static: bool) -> None:
    """Measure the three tilers on ``source`` and print seconds, peak memory and ratios."""
    from PIL import Image

    with Image.open(source) as image:
        size = image.size
    print(f"\n{label}: {size[0]} × {size[1]} = {size[0] * size[1] / 1e6:.0f} MP, {source.suffix[1:].upper()}, "
          f"{source.stat().st_size / 1e6:.1f} MB")
    results = {"ours": measure_in_child("ours", source, warmup, runs),
               "libvips": measure_in_child("vips", source, warmup, runs)}
    if with_static:
        results["iiif_static"] = measure_iiif_static(source)
    ours = statistics.median(results["ours"]["seconds"])
    print(f"  {'tiler':<44}{'seconds':>9}{'peak RSS':>11}{'files':>7}{'× ours':>9}")
    names = {"ours": "ours (Pillow, one decode, halving)", "libvips": "libvips dzsave --layout iiif3 (pyvips)",
             "iiif_static": "iiif_static.py (iiif, reference)"}
    for tool, result in results.items():
        seconds = statistics.median(result["seconds"])
        runs_text = "" if len(result["seconds"]) == 1 else \
            "  runs: " + ", ".join(f"{s:.2f}" for s in result["seconds"])
        print(f"  {names[tool]:<44}{seconds:>9.2f}{result['peak_mb']:>8.0f} MB{result['files']:>7}"
              f"{seconds / ours:>9.2f}{runs_text}")
    vips = statistics.median(results["libvips"]["seconds"])
    line = f"  ours / libvips = {ours / vips:.2f} (target ≤ 1.5)"
    if "iiif_static" in results:
        line += f"; iiif_static / ours = {statistics.median(results['iiif_static']['seconds']) / ours:.0f}× " \
                f"(target ≥ 20×)"
    else:
        line += "; iiif_static skipped (several minutes at this size; run with --all)"
    print(line + f"; our peak memory {results['ours']['peak_mb']:.0f} MB")


def main() -> int:
    """Generate the inputs, run every measurement, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--all", action="store_true", help="also run iiif_static on the 100 MP scan (minutes)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--measure", nargs=4, metavar=("TOOL", "SOURCE", "WARMUP", "RUNS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.measure:
        tool, source, warmup, runs = args.measure
        print(json.dumps(measure(tool, Path(source), Path(warmup), int(runs))))
        return 0

    import PIL
    import pyvips
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # our own generated inputs

    print(f"Cofio ingest benchmark — {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, Pillow {PIL.__version__}, "
          f"libvips {pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}")
    print("Generating inputs…", flush=True)
    with ProcessPoolExecutor(max_workers=1) as pool:  # not in this process: measured children fork from it
        warmup = pool.submit(write_photo, WORK / "warmup.jpg", (1200, 800), 9).result()
        photo = pool.submit(write_photo, WORK / "photo-24mp.jpg").result()
        scan = pool.submit(write_scan, WORK / "scan-100mp.tif").result()
    report_tilers("24-megapixel photo", photo, warmup, args.runs, with_static=True)
    report_tilers("100-megapixel scan", scan, warmup, args.runs, with_static=args.all)

    if not args.skip_throughput:
        folder = WORK / "photos"
        folder.mkdir(exist_ok=True)
        paths = [folder / f"photo-{n:02d}.jpg" for n in range(args.photos + 1)]
        missing = [(p, n) for n, p in enumerate(paths) if not p.exists()]
        if missing:
            print(f"\nGenerating {len(missing)} distinct 24 MP photos…", flush=True)
            with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
                list(pool.map(write_photo, [p for p, _ in missing], [PHOTO_SIZE] * len(missing),
                              [100 + n for _, n in missing]))
        result = throughput(paths)
        print(f"\nEnd to end: {result['photos']} photos (24 MP JPEG) through one worker (concurrency 1), "
              f"PostgreSQL + Redis:")
        print(f"  {result['ready']} ready in {result['seconds']:.1f} s → {result['per_minute']:.0f} photos per "
              f"minute per worker ({result['seconds'] / result['photos']:.2f} s each; decode-to-derivatives "
              f"median {result['median_decode_to_derivatives']:.2f} s; queuing the batch took "
              f"{result['upload_seconds']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
