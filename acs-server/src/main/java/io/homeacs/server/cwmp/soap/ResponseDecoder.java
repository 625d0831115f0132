package io.homeacs.server.cwmp.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** Decodes the CPE's responses to ACS-initiated RPCs; each method starts on the method element and consumes it. */
final class ResponseDecoder {

    private ResponseDecoder() {
    }

    /** Reads the string array under the named child; empty when the CPE left it out. */
    private static List<String> stringList(XmlCursor c, String element) throws XMLStreamException {
        List<String> result = List.of();
        while (c.nextChild()) {
            if (element.equals(c.localName())) {
                result = StructDecoder.strings(c);
            } else {
                c.skip();
            }
        }
        return result;
    }

    static GetRpcMethodsResponse getRpcMethods(XmlCursor c) throws XMLStreamException {
        return new GetRpcMethodsResponse(stringList(c, "MethodList"));
    }

    static GetParameterNamesResponse getParameterNames(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        List<ParameterInfo> list = new ArrayList<>();
        while (c.nextChild()) {
            if (!"ParameterList".equals(c.localName())) {
                c.skip();
                continue;
            }
            while (c.nextChild()) {
                String name = "";
                boolean writable = false;
                while (c.nextChild()) {
                    switch (c.localName()) {
                        case "Name" -> name = c.token();
                        case "Writable" -> writable = c.booleanValue();
                        default -> c.skip();
                    }
                }
                list.add(new ParameterInfo(name, writable));
            }
        }
        return new GetParameterNamesResponse(list);
    }

    static GetParameterValuesResponse getParameterValues(XmlCursor c) throws XMLStreamException {
        List<ParameterValue> list = List.of();
        while (c.nextChild()) {
            if ("ParameterList".equals(c.localName())) {
                list = StructDecoder.parameterValues(c);
            } else {
                c.skip();
            }
        }
        return new GetParameterValuesResponse(list);
    }

    static GetParameterAttributesResponse getParameterAttributes(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        List<ParameterAttribute> list = new ArrayList<>();
        while (c.nextChild()) {
            if (!"ParameterList".equals(c.localName())) {
                c.skip();
                continue;
            }
            while (c.nextChild()) {
                list.add(parameterAttribute(c));
            }
        }
        return new GetParameterAttributesResponse(list);
    }

    private static ParameterAttribute parameterAttribute(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        String name = "";
        int notification = 0;
        List<String> access = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Name" -> name = c.token();
                case "Notification" -> notification = c.intValue();
                case "AccessList" -> access = StructDecoder.strings(c);
                default -> c.skip();
            }
        }
        return new ParameterAttribute(name, notification, access);
    }

    /** Reads the integer child with the given name (0 when absent), ignoring everything else. */
    private static int intChild(XmlCursor c, String element) throws XMLStreamException, InvalidArgumentException {
        int value = 0;
        while (c.nextChild()) {
            if (element.equals(c.localName())) {
                value = c.intValue();
            } else {
                c.skip();
            }
        }
        return value;
    }

    static SetParameterValuesResponse setParameterValues(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        return new SetParameterValuesResponse(intChild(c, "Status"));
    }

    static DeleteObjectResponse deleteObject(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        return new DeleteObjectResponse(intChild(c, "Status"));
    }

    static AddObjectResponse addObject(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        int instance = 0;
        int status = 0;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "InstanceNumber" -> instance = c.intValue();
                case "Status" -> status = c.intValue();
                default -> c.skip();
            }
        }
        return new AddObjectResponse(instance, status);
    }

    static DownloadResponse download(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        TransferResult t = transferResult(c);
        return new DownloadResponse(t.status, t.start, t.complete);
    }

    static UploadResponse upload(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        TransferResult t = transferResult(c);
        return new UploadResponse(t.status, t.start, t.complete);
    }

    private record TransferResult(int status, String start, String complete) {
    }

    private static TransferResult transferResult(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        int status = 0;
        String start = "";
        String complete = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Status" -> status = c.intValue();
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                default -> c.skip();
            }
        }
        return new TransferResult(status, start, complete);
    }

    static GetAllQueuedTransfersResponse getAllQueuedTransfers(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        List<QueuedTransfer> list = new ArrayList<>();
        while (c.nextChild()) {
            if (!"TransferList".equals(c.localName())) {
                c.skip();
                continue;
            }
            while (c.nextChild()) {
                list.add(queuedTransfer(c));
            }
        }
        return new GetAllQueuedTransfersResponse(list);
    }

    private static QueuedTransfer queuedTransfer(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        String key = "";
        int state = 0;
        boolean isDownload = false;
        String fileType = "";
        long fileSize = 0;
        String target = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "State" -> state = c.intValue();
                case "IsDownload" -> isDownload = c.booleanValue();
                case "FileType" -> fileType = c.token();
                case "FileSize" -> fileSize = c.longValue();
                case "TargetFileName" -> target = c.text();
                default -> c.skip();
            }
        }
        return new QueuedTransfer(key, state, isDownload, fileType, fileSize, target);
    }
}
