"""Compare the builder's recipes with ``virt-install --print-xml`` for the same intent.

    python -m domxml.tools.virtinstall IMAGE_DIR [URI]

For each recipe of ``domxml.build.recipes``, the recipe's ``domxml new``
options are translated to virt-install's (they are the same words, mostly),
with the images looked for in IMAGE_DIR (they must exist: virt-install
checks), and virt-install's final document (the one after installation) is
compared with the builder's: each device as a short word
(``disk:virtio:disk``, ``controller:pcie-root-port``...) and the platform
choices (machine, firmware, CPU mode, clock, features). What differs is
printed per recipe; docs/building.md explains each difference.

virt-install defines a storage pool for IMAGE_DIR's directory on the
connection (default ``qemu:///system``); name the directory so that the
pool's name is recognisable, and remove the pool after.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from lxml import etree

import domxml
from domxml.build.recipes import IMAGES, RECIPES, Recipe
from domxml.models.domain import Size

# OS names this builder knows from its built-in table that Debian 12's
# osinfo-db (2022-11-30) lacks: the nearest entry virt-install knows, which
# supports the same devices.
OSINFO = {"debian12": "debian11", "linux": "linux2022"}


def _virt_install_args(recipe: Recipe, images: str) -> list[str] | None:
    args: list[str] = ["--name", recipe.domain_name]
    argv = list(recipe.argv)
    has_cdrom = "--cdrom" in argv
    i = 0
    while i < len(argv):
        option, value = argv[i], argv[i + 1]
        i += 2
        value = value.replace(IMAGES, images)
        if option == "--osinfo":
            value = OSINFO.get(value, value)
        if option == "--boot" and value == "bios":
            continue  # virt-install's default, and no --boot value
        if option == "--memory" and not value.isdigit():
            value = str(Size.of(value).to_bytes() // 2**20)
        if option == "--disk" and value.startswith("/dev/"):
            return None  # no such block device here
        if option == "--seed":
            option, value = "--disk", f"{value},device=cdrom"
        if option == "--secure-boot":
            state = "yes" if value == "on" else "no"
            option = "--boot"
            value = f"firmware.feature0.name=secure-boot,firmware.feature0.enabled={state}"
            if state == "yes":
                value += ",firmware.feature1.name=enrolled-keys,firmware.feature1.enabled=yes"
            if "--boot" in args:
                j = args.index("--boot")
                args[j + 1] += "," + value
                continue
            value = "uefi," + value
        if option == "--boot" and "--boot" in args:
            j = args.index("--boot")
            args[j + 1] = value + "," + args[j + 1].removeprefix("uefi,")
            continue
        args += [option, value]
    if "--graphics" not in args:
        args += ["--graphics", "none"]
    if not has_cdrom:
        args.append("--import")
    return args


def _words(xml: str) -> tuple[Counter[str], dict[str, str]]:
    root = etree.fromstring(xml.encode())
    devices: Counter[str] = Counter()
    for node in root.iterfind("devices/*"):
        if node.tag == "emulator":
            continue
        word = [node.tag]
        if node.tag == "disk":
            target = node.find("target")
            word += [target.get("bus", "") if target is not None else "", node.get("device", "")]
        elif node.tag == "controller":
            word += [node.get("type", ""), node.get("model", "")]
        elif node.tag in ("interface", "video"):
            model = node.find("model")
            word += [node.get("type", "") if node.tag == "interface" else ""]
            word += [model.get("type", "") if model is not None else ""]
        elif node.tag == "channel":
            target = node.find("target")
            word += [target.get("name", "") if target is not None else ""]
        else:
            word += [node.get("type") or node.get("model") or ""]
        devices[":".join(w for w in word if w)] += 1
    os_type = root.find("os/type")
    os_node = root.find("os")
    cpu = root.find("cpu")
    clock = root.find("clock")
    features = root.find("features")
    platform = {
        "machine": os_type.get("machine", "") if os_type is not None else "",
        "firmware": (os_node.get("firmware") or "bios") if os_node is not None else "",
        "cpu": cpu.get("mode", "") if cpu is not None else "(none)",
        "clock": clock.get("offset", "") if clock is not None else "",
        "features": " ".join(c.tag for c in features) if features is not None else "",
        "secure-boot": " ".join(
            f"{f.get('name')}={f.get('enabled')}" for f in root.iterfind("os/firmware/feature")
        ),
    }
    return devices, platform


def image_files(recipe: Recipe) -> list[str]:
    """The file names (in the image directory) the recipe's options name."""
    names = []
    for value in recipe.argv:
        path = value.split(",", 1)[0]
        if path.startswith(IMAGES + "/"):
            names.append(path.removeprefix(IMAGES + "/"))
    return names


def compare(recipe: Recipe, images: str, uri: str = "qemu:///system") -> list[str] | None:
    """What differs between virt-install's document and the builder's, one line each.

    ``None`` when virt-install cannot build the recipe here (a block device).
    Raises ``RuntimeError`` with virt-install's message when it fails.
    """
    args = _virt_install_args(recipe, images)
    if args is None:
        return None
    run = subprocess.run(
        ["virt-install", "--print-xml", "--connect", uri, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"{recipe.name}: virt-install failed: {run.stderr.strip()}")
    # With an install medium virt-install prints the installation's document,
    # then the installed guest's; the last is the guest's.
    last = run.stdout[run.stdout.rindex("<domain") :]
    theirs, their_platform = _words(last)
    ours, our_platform = _words(domxml.to_xml(recipe.build()))
    lines = [
        f"device {word}: virt-install {theirs[word]}, domxml {ours[word]}"
        for word in sorted(set(theirs) | set(ours))
        if theirs[word] != ours[word]
    ]
    lines += [
        f"{key}: virt-install {their_platform[key]!r}, domxml {our_platform[key]!r}"
        for key in our_platform
        if their_platform[key] != our_platform[key]
    ]
    return lines


def main(images: str, uri: str = "qemu:///system") -> int:
    """Print, per recipe, what differs from virt-install's document."""
    for recipe in RECIPES:
        try:
            lines = compare(recipe, images, uri)
        except RuntimeError as error:
            print(f"== {error}")
            continue
        if lines is None:
            print(f"== {recipe.name}: skipped (a block device)")
            continue
        print(f"== {recipe.name}")
        for line in lines:
            print(f"   {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
