"""VMware ``.vmx`` files to and from domain XML, as libvirt's ``vmx`` converter maps them.

:func:`read` gives a :class:`~domxml.models.Domain` and the warnings (keys it
does not map); :func:`write` gives the ``.vmx`` text and its warnings. A file
name in a ``.vmx`` file is a datastore path (``/vmfs/volumes/datastore1/vm/vm.vmdk``)
that libvirt's ESX driver turns into ``[datastore1] vm/vm.vmdk`` with the help
of the server; offline, a caller gives that mapping as a function
(``parse_file_name``/``format_file_name``; :func:`datastore_file_names` makes the
plain ESX one); without one a path is kept as written.
"""

from domxml.native.vmx.datastore import datastore_file_names
from domxml.native.vmx.read import FileNameParser, read
from domxml.native.vmx.write import FileNameFormatter, write

__all__ = ["FileNameFormatter", "FileNameParser", "datastore_file_names", "read", "write"]
