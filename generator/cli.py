"""The `gongkai` command: check, build, serve, new, import, schema."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from pathlib import Path

from .checking import check_content
from .parallel import collecting_rarely
from .problems import warnings_summary
from .publish import OutputError
from .search import SearchIndexError

# The usual ways the system refuses a write (or `serve` its port), in words the operator can act on.
OS_ERRORS = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出磁盘配额", errno.EROFS: "文件系统是只读的",
             errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENAMETOOLONG: "文件名太长",
             errno.EFBIG: "文件超过系统允许的大小", errno.EADDRINUSE: "端口已被占用，请用 --port 换一个"}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (OutputError, SearchIndexError) as exc:
        print(f"未生成网站：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a read-only or forbidden folder: a message, not a traceback
        print(f"未完成：{os_error_text(exc)}。已发布的网站保持不变。", file=sys.stderr)
        return 1


def os_error_text(exc: OSError) -> str:
    reason = OS_ERRORS.get(exc.errno, exc.strerror or str(exc))
    return f"{exc.filename}：{reason}" if exc.filename else reason


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongkai", description="预算绩效目标公开网站生成器")
    commands = parser.add_subparsers(required=True, metavar="命令")

    check = commands.add_parser("check", help="检查内容文件，列出错误和警告")
    check.add_argument("path", nargs="?", default="content", type=Path, help="内容目录（默认 content）")
    check.add_argument("--config", type=Path, default=Path("site_config.yml"), help="网站配置文件")
    check.add_argument("--strict", action="store_true", help="有警告时也以失败退出")
    check.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="生成网站")
    build.add_argument("path", nargs="?", default="content", type=Path, help="内容目录（默认 content）")
    build.add_argument("--config", type=Path, default=Path("site_config.yml"))
    build.add_argument("--templates", type=Path, default=Path("templates"))
    build.add_argument("--output", "-o", type=Path, default=None, help="输出目录（默认见 site_config.yml）")
    build.add_argument("--no-search", action="store_true", help="不生成搜索索引（更快，仅供预览）")
    build.add_argument("--no-cache", action="store_true", help="不复用上次生成的结果（全部重新生成）")
    build.add_argument("--jobs", type=int, default=None,
                       help="同时使用的进程数；默认在工作量大时用上全部 CPU 核")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="本地预览：生成网站并在内容或模板改动时重新生成")
    serve.add_argument("path", nargs="?", default="content", type=Path)
    serve.add_argument("--config", type=Path, default=Path("site_config.yml"))
    serve.add_argument("--templates", type=Path, default=Path("templates"))
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_serve)

    new = commands.add_parser("new", help="为部门和年度生成带注释的文件模板")
    new.add_argument("department", help="部门标识，如 ezhou-sfj")
    new.add_argument("year", type=int, help="预算年度，如 2026")
    new.add_argument("--kind", choices=["申报", "批复", "公开"], default="批复")
    new.add_argument("--content", type=Path, default=Path("content"))
    new.set_defaults(run=_new)

    imp = commands.add_parser("import", help="把部门的绩效目标表（Excel、Word、PDF、网页文字）导入为一份文件")
    imp.add_argument("files", nargs="+", type=Path, metavar="file",
                     help="要导入的文件（.xlsx .xlsm .xls .docx .pdf .txt .html 等）或文件夹；可写多个，依次导入")
    imp.add_argument("-o", "--output", type=Path, default=None,
                     help="写入的文件（默认 content/<部门标识>/<年度>-<类型>.yml）")
    imp.add_argument("--department", default=None, help="部门标识；省略时按部门名称沿用 content/ 中已有的文件")
    imp.add_argument("--region", default=None, help="地区标识；省略时沿用该部门已有的文件")
    imp.add_argument("--year", type=int, default=None, help="预算年度；省略时从原文判断")
    imp.add_argument("--kind", choices=["申报", "批复", "公开"], default=None, help="文件类型；省略时从标题判断")
    imp.add_argument("--split", action="store_true", help="把项目分别写入 <文件名>.projects/ 文件夹")
    imp.add_argument("--force", action="store_true", help="覆盖已有的文件")
    imp.add_argument("--format", choices=["text", "json"], default="text", help="导入报告的格式")
    imp.add_argument("--content", type=Path, default=Path("content"), help="内容目录（默认 content）")
    imp.add_argument("--config", type=Path, default=Path("site_config.yml"), help="网站配置文件")
    imp.set_defaults(run=_import)

    schema = commands.add_parser("schema", help="输出文件格式的 JSON Schema")
    schema.add_argument("--output", "-o", type=Path, default=None, help="写入文件（默认输出到屏幕）")
    schema.set_defaults(run=_schema)
    return parser


def _check(args: argparse.Namespace) -> int:
    with collecting_rarely():  # as a build does
        checked = check_content(args.path, args.config)
    report = checked.report
    print(report.as_json() if args.format == "json" else report.as_text())
    if report.errors or (args.strict and report.warnings):
        return 1
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .problems import ContentError

    try:
        result = build(args.path, args.config, args.templates, args.output,
                       search=not args.no_search, cache=not args.no_cache, jobs=args.jobs)
    except ContentError as exc:
        print(exc.report.as_text(), file=sys.stderr)
        print("有错误，未生成网站；原有网站保持不变。", file=sys.stderr)
        return 1
    if result.history_notice:
        print(f"{result.history_notice}。", file=sys.stderr)
    print(f"已生成 {result.pages} 个页面到 {result.output}（{result.seconds:.1f} 秒）。"
          f"沿用上次结果：已解析文件 {result.filings_reused} 份；"
          f"下载文件 {result.reused} 组（新生成 {result.made} 组）；"
          f"部门页面 {result.departments_reused} 个部门（重新生成 {result.departments_rendered} 个）。")
    print(warnings_summary(result.warnings, result.reviewed, args.path, args.config))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.path, args.config, args.templates, args.port)


def _new(args: argparse.Namespace) -> int:
    from .scaffold import write_scaffold

    try:
        path = write_scaffold(args.content, args.department, args.year, args.kind)
    except (FileExistsError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"已创建 {path}。填写后运行 gongkai check 检查。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .importing.batch import files_to_import, import_all, summary
    from .importing.importer import ImportOptions

    sources = files_to_import(args.files)
    if args.output and (len(sources) != 1 or args.split):
        print("-o 只能用于导入一个文件（不带 --split）；导入多个文件时，每个文件写到 content/<部门标识>/<年度>-<类型>.yml。",
              file=sys.stderr)
        return 2
    if not sources:
        print(f"{'、'.join(map(str, args.files))} 中没有可导入的文件。", file=sys.stderr)
        return 1
    options = ImportOptions(output=args.output, department=args.department, region=args.region, year=args.year,
                            kind=args.kind, split=args.split, force=args.force, content_dir=args.content,
                            config=args.config)
    outcomes = import_all(sources, options)
    if args.format == "json":
        reports = [_import_data(outcome) for outcome in outcomes]
        single = len(args.files) == 1 and not args.files[0].is_dir()  # one report, as before batches; else a list
        print(json.dumps(reports[0] if single else reports, ensure_ascii=False, indent=2, default=str))
    else:
        for outcome in outcomes:
            _print_import(outcome)
        if len(outcomes) > 1:
            print(summary(outcomes))
    return 1 if any(outcome.failed for outcome in outcomes) else 0


def _import_data(outcome) -> dict:
    from .importing.report import as_data
    from .problems import display_path

    if outcome.result is None:
        return {"source": display_path(outcome.source), "error": outcome.failure}
    return as_data(outcome.result)


def _print_import(outcome) -> None:
    from .importing.report import as_text

    if outcome.result is None:
        print(f"导入失败：{outcome.failure}", file=sys.stderr)
    else:
        print(as_text(outcome.result))


def _schema(args: argparse.Namespace) -> int:
    from .models import Filing

    text = json.dumps(Filing.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
