# The few iproute2 steps tests/Cuda/gpu-remote.sh needs, over rtnetlink, for hosts without iproute2 (the GPU
# machine has python3 but no `ip`):
#   python3 netlink.py veth NAME PEER NETNS_FILE   a veth pair, PEER moved into the namespace bound at NETNS_FILE
#   python3 netlink.py addr NAME CIDR              an IPv4 address on NAME
#   python3 netlink.py up NAME                     NAME (and lo) up
#   python3 netlink.py del NAME                    NAME deleted (a veth pair goes with either end)
# Each request asks for an acknowledgement; a refusal exits 1 with the kernel's errno.
import os, socket, struct, sys

NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE = 0x1, 0x4, 0x200, 0x400
RTM_NEWLINK, RTM_DELLINK, RTM_NEWADDR = 16, 17, 20
IFLA_IFNAME, IFLA_LINKINFO, IFLA_NET_NS_FD = 3, 18, 28
IFLA_INFO_KIND, IFLA_INFO_DATA, VETH_INFO_PEER = 1, 2, 1
IFA_LOCAL, IFA_ADDRESS = 2, 1
IFF_UP = 0x1


def attr(kind, payload):
    # A netlink attribute: length, type, payload, padded to 4 bytes.
    length = 4 + len(payload)
    return struct.pack("HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def name(text):
    return text.encode() + b"\0"


def ifinfo(index=0, flags=0, change=0):
    return struct.pack("BxHiII", socket.AF_UNSPEC, 0, index, flags, change)


def request(kind, flags, body):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)  # NETLINK_ROUTE
    s.bind((0, 0))
    s.send(struct.pack("IHHII", 16 + len(body), kind, NLM_F_REQUEST | NLM_F_ACK | flags, 1, 0) + body)
    reply = s.recv(65536)
    _, kind_back, _, _, _ = struct.unpack("IHHII", reply[:16])
    if kind_back == 2:  # NLMSG_ERROR: 0 is the acknowledgement
        error = struct.unpack("i", reply[16:20])[0]
        if error != 0:
            sys.exit(f"netlink: {sys.argv[1:]}: {os.strerror(-error)}")
    s.close()


def index_of(interface):
    return socket.if_nametoindex(interface)


command = sys.argv[1]
if command == "veth":
    interface, peer, netns = sys.argv[2:5]
    fd = os.open(netns, os.O_RDONLY)
    peer_info = ifinfo() + attr(IFLA_IFNAME, name(peer)) + attr(IFLA_NET_NS_FD, struct.pack("I", fd))
    linkinfo = attr(IFLA_INFO_KIND, name("veth")) + attr(IFLA_INFO_DATA, attr(VETH_INFO_PEER, peer_info))
    request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, ifinfo() + attr(IFLA_IFNAME, name(interface)) + attr(IFLA_LINKINFO, linkinfo))
elif command == "addr":
    interface, cidr = sys.argv[2:4]
    address, prefix = cidr.split("/")
    packed = socket.inet_aton(address)
    body = struct.pack("BBBBI", socket.AF_INET, int(prefix), 0, 0, index_of(interface)) + attr(IFA_LOCAL, packed) + attr(IFA_ADDRESS, packed)
    request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, body)
elif command == "up":
    for interface in dict.fromkeys([sys.argv[2], "lo"]):
        request(RTM_NEWLINK, 0, ifinfo(index_of(interface), IFF_UP, IFF_UP))
elif command == "del":
    request(RTM_DELLINK, 0, ifinfo(index_of(sys.argv[2])))
else:
    sys.exit(f"netlink: unknown command {command}")
